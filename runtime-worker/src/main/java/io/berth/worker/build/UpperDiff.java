package io.berth.worker.build;

import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.NotFoundException;
import io.berth.oci.spec.Mount;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An overlay upper dir, as GNU tar wrote it, turned into an OCI layer: a whiteout (a character device 0:0) becomes an
 * empty {@code .wh.<name>}, a directory marked opaque ({@code trusted.overlay.opaque=y}) gets a
 * {@code .wh..wh..opq} inside it, overlay's own {@code trusted.overlay.*} xattrs are dropped, names lose their
 * {@code ./}, and the root itself is left out. Owners, modes, times, hard links and other xattrs pass through. One
 * mechanism for every change Berth takes from a node: a build step's and a container's ({@code docker commit}).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#whiteouts">OCI whiteouts</a>
 */
public final class UpperDiff {
    private static final String XATTR = "SCHILY.xattr.";
    private static final String OVERLAY = "trusted.overlay.";

    private UpperDiff() {
    }

    /**
     * Writes the change in {@code upper} as a layer tar (GNU tar reads it: numeric owners, xattrs, names sorted),
     * leaving out {@code leaveOut} (paths relative to the root, without {@code ./}). 404 when there is no upper dir.
     */
    public static void write(Path upper, Set<String> leaveOut, OutputStream out, String what) {
        if (!Files.isDirectory(upper)) {
            throw new NotFoundException("No such " + what);
        }
        List<String> command = List.of("tar", "-c", "-f", "-", "--numeric-owner", "--xattrs", "--xattrs-include=*",
                "--sort=name", "-C", upper.toString(), ".");
        try {
            Process tar = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = tar.getInputStream()) {
                convert(in, out, leaveOut);
            } catch (IOException | RuntimeException e) {
                tar.destroyForcibly();
                throw e;
            }
            if (tar.waitFor() != 0) {
                throw new InternalException("cannot read the change of " + what + ": tar exited " + tar.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while reading the change of " + what);
        }
    }

    /**
     * The mount points the runtime made in {@code upper} for {@code mounts} because no layer had them: they are the
     * runtime's doing, not the container's change (dockerd keeps them in an init layer under the container's). Such a
     * path is in no lower and is empty in the upper dir (or holds only other such paths); a directory that is in the
     * upper dir only to hold them (copied up when the runtime made one in it) goes too.
     */
    public static Set<String> madeForMounts(Collection<Mount> mounts, Path upper, List<Path> lowers) {
        Set<String> made = new HashSet<>();
        List<String> destinations = new java.util.ArrayList<>();
        for (Mount mount : mounts) {
            destinations.add(mount.destination().replaceAll("^/+|/+$", ""));
        }
        // Deepest first, so that /dev/pts is known before /dev is looked at.
        destinations.sort((a, b) -> b.length() - a.length());
        for (String destination : destinations) {
            if (!destination.isEmpty() && Files.exists(upper.resolve(destination), LinkOption.NOFOLLOW_LINKS)
                    && isEmpty(upper.resolve(destination), made, destination) && inNoLayer(destination, lowers)) {
                made.add(destination);
            }
        }
        for (boolean grew = true; grew;) {
            grew = false;
            for (String path : List.copyOf(made)) {
                int slash = path.lastIndexOf('/');
                String parent = slash < 0 ? "" : path.substring(0, slash);
                if (!parent.isEmpty() && !made.contains(parent)
                        && Files.isDirectory(upper.resolve(parent), LinkOption.NOFOLLOW_LINKS)
                        && isEmpty(upper.resolve(parent), made, parent)) {
                    made.add(parent);
                    grew = true;
                }
            }
        }
        return made;
    }

    private static boolean isEmpty(Path path, Set<String> made, String relative) {
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> children = Files.list(path)) {
                    return children.allMatch(child -> made.contains(relative + "/" + child.getFileName()));
                }
            }
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean inNoLayer(String relative, List<Path> lowers) {
        for (Path lower : lowers) {
            if (Files.exists(lower.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    static void convert(InputStream upperTar, OutputStream layer) throws IOException {
        convert(upperTar, layer, Set.of());
    }

    static void convert(InputStream upperTar, OutputStream layer, Set<String> leaveOut) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(upperTar, "UTF-8");
        TarArchiveOutputStream out = new TarArchiveOutputStream(layer, "UTF-8");
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
            if (name.isEmpty() || name.equals(".") || name.equals("/") || leaveOut.contains(name.replaceAll("/+$", ""))) {
                continue;
            }
            if (e.isCharacterDevice() && e.getDevMajor() == 0 && e.getDevMinor() == 0) {
                int slash = name.lastIndexOf('/');
                out.putArchiveEntry(marker(name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1), e));
                out.closeArchiveEntry();
                continue;
            }
            boolean opaque = false;
            Map<String, String> headers = new HashMap<>(e.getExtraPaxHeaders());
            for (Map.Entry<String, String> header : headers.entrySet()) {
                opaque |= header.getKey().equals(XATTR + OVERLAY + "opaque") && "y".equals(header.getValue());
            }
            e.clearExtraPaxHeaders();
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (!header.getKey().startsWith(XATTR + OVERLAY)) {
                    e.addPaxHeader(header.getKey(), header.getValue());
                }
            }
            e.setName(e.isDirectory() && !name.endsWith("/") ? name + "/" : name);
            if (e.isLink() && e.getLinkName().startsWith("./")) {
                e.setLinkName(e.getLinkName().substring(2));
            }
            out.putArchiveEntry(e);
            if (!e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && e.getSize() > 0) {
                in.transferTo(out);
            }
            out.closeArchiveEntry();
            if (opaque && e.isDirectory()) {
                out.putArchiveEntry(marker(e.getName() + ".wh..wh..opq", e));
                out.closeArchiveEntry();
            }
        }
        out.finish();
        out.flush();
    }

    private static TarArchiveEntry marker(String name, TarArchiveEntry like) {
        TarArchiveEntry marker = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL);
        marker.setMode(0100000);
        marker.setSize(0);
        marker.setModTime(like.getModTime());
        marker.setIds(0, 0);
        marker.setUserName("");
        marker.setGroupName("");
        return marker;
    }
}
