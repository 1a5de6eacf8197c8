package io.berth.worker.containers;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.Spec;
import io.berth.worker.runtime.Overlay;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.MetaStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;

/**
 * {@code docker cp}: a container's files read as a tar, and a tar written into them, as the container sees its paths
 * ({@link ContainerView}: the rootfs and its binds, links followed in the container's scope), running or not. What
 * dockerd does in {@code daemon/archive.go}: the path's last name is not followed when read (a link is copied as a
 * link), and is followed when it is where a tar is extracted; the entries are named after the path asked for.
 */
@ApplicationScoped
public class ContainerArchive {
    private final MetaStore metas;
    private final Bundles bundles;

    ContainerArchive(MetaStore metas, Bundles bundles) {
        this.metas = metas;
        this.bundles = bundles;
    }

    /** A path to read: what it is, and how to write it as a tar. */
    public record Source(PathStat stat, ContainerView view, String containerPath, Path host, String entryName) {
        /** Writes the path as a tar whose entries begin with {@link #entryName}. */
        public void writeTo(OutputStream out) {
            TarWriter.write(view, containerPath, host, entryName, out);
        }
    }

    /**
     * What {@code path} is in the tenant's container, its last name not followed; 404 in dockerd's words when it is
     * absent ({@code ref} is how the caller named the container).
     */
    public Source source(TenantId tenant, String id, String ref, String path) {
        ContainerView view = view(tenant, id);
        String absolute = absolute(path);
        // "/dir/" and "/dir/." name the directory a link at "/dir" leads to; "/link" names the link itself.
        List<String> parts = ScopedPath.components(absolute);
        boolean followLast = parts.isEmpty() || absolute.endsWith("/") || absolute.endsWith("/.")
                || parts.getLast().equals("..");
        String containerPath = followLast ? view.resolve(absolute)
                : join(view.resolve("/" + String.join("/", parts.subList(0, parts.size() - 1))), parts.getLast());
        view.checkNotRuntimeMount(containerPath);
        Path host = view.hostOf(containerPath);
        PosixFileAttributes attributes = attributes(host).orElseThrow(() -> notFound(path, ref));
        String target = attributes.isSymbolicLink() ? view.resolve(containerPath) : "";
        String name = goBase(absolute);
        return new Source(PathStat.of(name, host, target), view, containerPath, host, name);
    }

    /**
     * Extracts {@code tar} (plain or gzip) into the directory {@code path} names, links followed (dockerd's
     * {@code extractToDir}): 404 when it is absent, 400 when it is not a directory or is read-only. With
     * {@code copyUidGid} the files are the container user's, otherwise the archive's owners are kept.
     */
    public void extract(TenantId tenant, String id, String ref, String path, InputStream tar, boolean noOverwriteDirNonDir,
            boolean copyUidGid) {
        ContainerMeta meta = metas.owned(tenant, id);
        Spec spec = spec(id, meta);
        ContainerView view = ContainerView.of(spec, metas.dir(id).merged());
        String destination = view.resolve(absolute(path));
        view.checkNotRuntimeMount(destination);
        PosixFileAttributes attributes = attributes(view.hostOf(destination)).orElseThrow(() -> notFound(path, ref));
        if (!attributes.isDirectory()) {
            throw new InvalidParameterException("extraction point is not a directory");
        }
        view.checkWritable(destination);
        long[] owner = copyUidGid && spec.process() != null && spec.process().user() != null
                ? new long[] {spec.process().user().uid(), spec.process().user().gid()}
                : null;
        new TarExtraction(view, destination, noOverwriteDirNonDir, owner).run(decompressed(tar));
    }

    private ContainerView view(TenantId tenant, String id) {
        ContainerMeta meta = metas.owned(tenant, id);
        return ContainerView.of(spec(id, meta), metas.dir(id).merged());
    }

    /** The bundle's spec, its rootfs mounted again if a restart of the node unmounted it. */
    private Spec spec(String id, ContainerMeta meta) {
        ContainerDir dir = metas.dir(id);
        if (!Overlay.isMounted(dir.merged())) {
            bundles.remountIfNeeded(id, meta);
        }
        return Bundles.readSpec(dir);
    }

    private static InputStream decompressed(InputStream in) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            return first == 0x1f && second == 0x8b ? new java.util.zip.GZIPInputStream(buffered, 64 * 1024) : buffered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static java.util.Optional<PosixFileAttributes> attributes(Path host) {
        try {
            return java.util.Optional.of(Files.readAttributes(host, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (java.nio.file.FileSystemException e) {
            // ENOTDIR: a name under a file is as absent as a missing one.
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NotFoundException notFound(String path, String ref) {
        return new NotFoundException("Could not find the file " + path + " in container " + ref);
    }

    /** The path as an absolute container path, a trailing {@code /} or {@code /.} kept (they change what is meant). */
    private static String absolute(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidParameterException("path must not be empty");
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    /** Go's {@code filepath.Base} of the path as asked: what dockerd names the archive's first entry. */
    private static String goBase(String absolute) {
        String trimmed = absolute.replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "/";
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    static String join(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }
}
