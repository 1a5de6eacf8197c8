package io.berth.worker.volumes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.Exec;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.worker.containers.ScopedPath;
import io.berth.worker.node.BindSources;
import io.berth.worker.node.MountTable;
import io.berth.worker.state.ContainerLocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The local volumes of this node (ARCHITECTURE "On a node"): one directory per tenant and name under the state root,
 * the data in its {@code _data}, as Docker's local driver keeps them. volume-service owns the records and says when a
 * volume is made or removed; a container's bundle asks for its volumes to be ready ({@link #prepare}), which mounts
 * a volume with driver options, and fills an empty volume from the image ({@link #copyUp}).
 */
@ApplicationScoped
public class NodeVolumes {
    private static final Logger LOG = Logger.getLogger(NodeVolumes.class);
    /** Docker's local volume names (moby volume/local); the pattern also keeps a name one path segment. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);
    static final String DATA = "_data";
    static final String OPTIONS = "options.json";

    private final NodePaths paths;
    private final ContainerLocks locks;
    private final BindSources bindSources;

    NodeVolumes(NodePaths paths, ContainerLocks locks, BindSources bindSources) {
        this.paths = paths;
        this.locks = locks;
        this.bindSources = bindSources;
    }

    /**
     * Makes the volume's directory (again, when it is there: a repeated call changes nothing) and records its driver
     * options; the data directory of the volume.
     */
    public Path create(TenantId tenant, String name, Map<String, String> options) {
        VolumeOptions parsed = VolumeOptions.of(options);
        if (parsed != null && parsed.isBind()) {
            bindSources.check(parsed.device());
        }
        Path dir = dir(tenant, name);
        return locked(tenant, name, () -> {
            try {
                makeRoot();
                Files.createDirectories(dir.resolve(DATA));
                if (parsed != null) {
                    Files2.writeAtomically(dir.resolve(OPTIONS), JSON.writeValueAsBytes(parsed.asMap()));
                }
            } catch (IOException e) {
                throw new InternalException("cannot make volume " + name + ": " + e.getMessage(), e);
            }
            return dir.resolve(DATA);
        });
    }

    /** Unmounts the volume's data if it is mounted and removes its directory; a missing volume is fine. */
    public void delete(TenantId tenant, String name) {
        Path dir = dir(tenant, name);
        locked(tenant, name, () -> {
            unmount(dir.resolve(DATA));
            // Never delete through a mount: a bind-backed volume's device is a host directory.
            if (!MountTable.current().under(dir).isEmpty() || MountTable.current().isMountPoint(dir.resolve(DATA))) {
                throw new InternalException("volume " + name + " is still mounted; not removed");
            }
            Files2.deleteTree(dir);
            return null;
        });
    }

    /**
     * Readies the volume for a container: its data directory (made again, empty, if something removed it), and,
     * for a volume with driver options, the mount on it (after {@code ./berth down} or a reboot, again).
     */
    public Path prepare(TenantId tenant, String name) {
        Path dir = dir(tenant, name);
        return locked(tenant, name, () -> {
            Path data = dir.resolve(DATA);
            try {
                if (!Files.isDirectory(data)) {
                    LOG.warnf("volume %s of %s had no data directory on this node; it starts empty", name, tenant);
                    makeRoot();
                    Files.createDirectories(data);
                }
            } catch (IOException e) {
                throw new InternalException("cannot make volume " + name + ": " + e.getMessage(), e);
            }
            VolumeOptions options = readOptions(dir);
            if (options != null && !MountTable.current().isMountPoint(data)) {
                mount(options, data);
            }
            return data;
        });
    }

    /**
     * Docker's copy-up: when the volume is empty, the image's content at {@code destination} (links followed inside
     * the rootfs) is copied into it with owners, modes, times and extended attributes, and the volume's root takes
     * the owner and mode of that directory, even an empty one (database images make their data directory so).
     *
     * @see <a href="https://docs.docker.com/engine/storage/volumes/#populate-a-volume-using-a-container">populate a volume</a>
     */
    public void copyUp(TenantId tenant, String name, Path rootfs, String destination) {
        Path data = dir(tenant, name).resolve(DATA);
        Path source = ScopedPath.resolve(rootfs, destination);
        locked(tenant, name, () -> {
            if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) || !isEmpty(data)) {
                return null;
            }
            if (!isEmpty(source)) {
                Exec.Result copied = Exec.run(List.of("cp", "-a", "--", source + "/.", data + "/"), TOOL_TIMEOUT);
                if (!copied.ok()) {
                    throw new InternalException("cannot copy " + destination + " of the image into volume " + name
                            + ": " + copied.output());
                }
            }
            try {
                Files.setAttribute(data, "unix:uid", Files.getAttribute(source, "unix:uid", LinkOption.NOFOLLOW_LINKS));
                Files.setAttribute(data, "unix:gid", Files.getAttribute(source, "unix:gid", LinkOption.NOFOLLOW_LINKS));
                // unix:mode carries setuid, setgid and sticky too (a 1777 directory stays one).
                Files.setAttribute(data, "unix:mode", Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS));
            } catch (IOException e) {
                throw new InternalException("cannot give volume " + name + " the owner of " + destination + ": "
                        + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Every volume directory on the node, with sizes when asked (walking every file, so only for {@code df}). */
    public List<NodeVolume> list(boolean withSize) {
        List<NodeVolume> found = new ArrayList<>();
        for (Path tenantDir : children(paths.volumes())) {
            for (Path dir : children(tenantDir)) {
                Path data = dir.resolve(DATA);
                found.add(new NodeVolume(tenantDir.getFileName().toString(), dir.getFileName().toString(),
                        data.toString(), withSize ? size(data) : -1));
            }
        }
        return found;
    }

    /**
     * The volume whose data a bind source under the volumes directory is, as {@code tenant/name}; empty for a path
     * outside it. A path under it that is not exactly some volume's {@code _data} is refused.
     */
    public java.util.Optional<String[]> volumeOf(Path source) {
        Path path = source.toAbsolutePath().normalize();
        if (!path.startsWith(paths.volumes())) {
            return java.util.Optional.empty();
        }
        Path relative = paths.volumes().relativize(path);
        if (relative.getNameCount() != 3 || !relative.getName(2).toString().equals(DATA)
                || !NAME.matcher(relative.getName(1).toString()).matches()) {
            throw new InvalidParameterException("invalid mount config for type \"bind\": bind source path " + source
                    + " is inside Berth's state root, which no container may see");
        }
        return java.util.Optional.of(new String[] {relative.getName(0).toString(), relative.getName(1).toString()});
    }

    private Path dir(TenantId tenant, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidParameterException("invalid volume name: \"" + name + "\"");
        }
        return paths.volume(tenant.value(), name);
    }

    /** One lock per volume, from the locks the containers use: volume names never look like a container's id. */
    private <T> T locked(TenantId tenant, String name, java.util.function.Supplier<T> action) {
        return locks.with("volume/" + tenant.value() + "/" + name, action);
    }

    /** The volumes directory is the root's alone: host users see no tenant's data through it. */
    private void makeRoot() throws IOException {
        if (!Files.isDirectory(paths.volumes())) {
            Files.createDirectories(paths.volumes());
            Files.setPosixFilePermissions(paths.volumes(), PosixFilePermissions.fromString("rwx------"));
        }
    }

    private void mount(VolumeOptions options, Path data) {
        if (options.isBind()) {
            bindSources.check(options.device());
        }
        List<String> command = new ArrayList<>(List.of("mount", "-t", options.type()));
        if (!options.o().isEmpty()) {
            command.addAll(List.of("-o", options.o()));
        }
        command.addAll(List.of(options.device(), data.toString()));
        Exec.Result mounted = Exec.run(command, TOOL_TIMEOUT);
        if (!mounted.ok()) {
            // moby volume/local: "error while mounting volume '<path>': failed to mount local volume: <why>".
            throw new InvalidParameterException("error while mounting volume '" + data + "': failed to mount local volume: "
                    + mounted.output().strip());
        }
    }

    private static void unmount(Path data) {
        if (!MountTable.current().isMountPoint(data)) {
            return;
        }
        Exec.Result result = Exec.run(List.of("umount", data.toString()), TOOL_TIMEOUT);
        if (!result.ok() && MountTable.current().isMountPoint(data)) {
            Exec.run(List.of("umount", "-l", data.toString()), TOOL_TIMEOUT);
        }
    }

    private static VolumeOptions readOptions(Path dir) {
        try {
            return VolumeOptions.of(JSON.readValue(dir.resolve(OPTIONS).toFile(), STRING_MAP));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable options of volume " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    /** Bytes in the files below {@code dir}, each inode once, as Docker's {@code directory.Size}. */
    static long size(Path dir) {
        Set<Object> seen = new HashSet<>();
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Object key = attrs.fileKey();
                    if (attrs.isRegularFile() && (key == null || seen.add(key))) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + dir + ": " + e.getMessage(), e);
        }
        return total[0];
    }
}
