package io.berth.worker.containers;

import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.worker.Files2;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar written into a container directory for {@code docker cp}, with the rules of dockerd's {@code archive.Unpack}:
 * an entry may not lead out of the directory (by {@code ..}, or a relative link or hard link that points above it), an
 * existing file is replaced unless both are directories, and with {@code noOverwriteDirNonDir} a directory and a
 * non-directory never replace each other. Every name is looked up in the container's scope ({@link ContainerView}),
 * and the last name is never followed, so a link in the container cannot lead a write out of it. Owners are the
 * archive's, or the container user's when {@code owner} is given; directory times are set once their contents are in.
 */
final class TarExtraction {
    private final ContainerView view;
    private final String destination;
    private final boolean noOverwriteDirNonDir;
    private final long[] owner;
    private final Deque<Map.Entry<Path, FileTime>> directoryTimes = new ArrayDeque<>();

    TarExtraction(ContainerView view, String destination, boolean noOverwriteDirNonDir, long[] owner) {
        this.view = view;
        this.destination = destination;
        this.noOverwriteDirNonDir = noOverwriteDirNonDir;
        this.owner = owner;
    }

    void run(InputStream in) {
        boolean[] sawBytes = new boolean[1];
        InputStream watched = new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                sawBytes[0] |= n > 0;
                return n;
            }
        };
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(watched);
            TarArchiveEntry entry = next(tar);
            // An empty body is an empty archive; a few bytes that end before a whole header are not one.
            if (entry == null && sawBytes[0]) {
                throw new InvalidParameterException("the archive is not a valid tar: it ends before its first header");
            }
            for (; entry != null; entry = next(tar)) {
                extract(entry, tar);
            }
            // Innermost last in, first out: a directory's time is set after its subdirectories changed it.
            while (!directoryTimes.isEmpty()) {
                Map.Entry<Path, FileTime> directory = directoryTimes.pollLast();
                Files.setLastModifiedTime(directory.getKey(), directory.getValue());
            }
        } catch (IOException e) {
            throw new InternalException("cannot extract the archive into " + destination + ": " + e.getMessage(), e);
        }
    }

    /** The next entry; a body that is not a tar, or breaks off inside a header, is the caller's fault (400). */
    private static TarArchiveEntry next(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new InvalidParameterException("the archive is not a valid tar: " + e.getMessage());
        }
    }

    private void extract(TarArchiveEntry entry, InputStream content) throws IOException {
        List<String> parts = inside(entry.getName(), List.of(), "\"" + entry.getName() + "\" is outside of \""
                + destination + "\"");
        if (parts.isEmpty()) {
            return;
        }
        String parent = ensureDirectory(parts.subList(0, parts.size() - 1));
        String containerPath = ContainerArchive.join(parent, parts.getLast());
        view.checkWritable(containerPath);
        Path host = view.hostOf(containerPath);
        Optional<PosixFileAttributes> existing = ContainerArchive.attributes(host);
        if (existing.isPresent()) {
            boolean wasDirectory = existing.get().isDirectory();
            if (noOverwriteDirNonDir && wasDirectory && !entry.isDirectory()) {
                throw new InvalidParameterException("cannot overwrite directory \"" + containerPath
                        + "\" with non-directory \"" + destination + "\"");
            }
            if (noOverwriteDirNonDir && !wasDirectory && entry.isDirectory()) {
                throw new InvalidParameterException("cannot overwrite non-directory \"" + containerPath
                        + "\" with directory \"" + destination + "\"");
            }
            if (!(wasDirectory && entry.isDirectory())) {
                Files2.deleteTree(host);
            }
        }
        if (entry.isDirectory()) {
            if (existing.isEmpty() || !existing.get().isDirectory()) {
                Files.createDirectory(host);
            }
        } else if (entry.isSymbolicLink()) {
            inside(entry.getLinkName(), parts.subList(0, parts.size() - 1),
                    "invalid symlink \"" + containerPath + "\" -> \"" + entry.getLinkName() + "\"");
            Files.createSymbolicLink(host, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            List<String> target = inside(entry.getLinkName(), List.of(),
                    "invalid hardlink \"" + containerPath + "\" -> \"" + entry.getLinkName() + "\"");
            String targetParent = view.resolve(ContainerArchive.join(destination,
                    String.join("/", target.subList(0, Math.max(0, target.size() - 1)))));
            Files.createLink(host, view.hostOf(target.isEmpty() ? destination
                    : ContainerArchive.join(targetParent, target.getLast())));
        } else if (entry.isFile()) {
            try (OutputStream out = Files.newOutputStream(host, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                content.transferTo(out);
            }
        } else {
            throw new InvalidParameterException("Berth cannot extract " + entry.getName()
                    + " (a device, fifo or other special file) yet");
        }
        setMetadata(entry, host);
    }

    /**
     * The entry's names under the destination ({@code base}: the names of the directory a relative link sits in),
     * {@code ..} applied; 400 with {@code refusal} when they lead above it, as dockerd's breakout check.
     */
    private static List<String> inside(String name, List<String> base, String refusal) {
        List<String> parts = new ArrayList<>(base);
        for (String part : ScopedPath.components(name)) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidParameterException(refusal);
                }
                parts.removeLast();
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The entry's parent directory as a container path, links followed, made (0755, root's) where it is missing. */
    private String ensureDirectory(List<String> names) throws IOException {
        String directory = destination;
        for (String name : names) {
            directory = view.resolve(ContainerArchive.join(directory, name));
            Path host = view.hostOf(directory);
            Optional<PosixFileAttributes> existing = ContainerArchive.attributes(host);
            if (existing.isEmpty()) {
                view.checkWritable(directory);
                Files.createDirectory(host);
            } else if (!existing.get().isDirectory()) {
                throw new InvalidParameterException("cannot extract into " + directory + ": not a directory");
            }
        }
        return directory;
    }

    private void setMetadata(TarArchiveEntry entry, Path host) throws IOException {
        long uid = owner == null ? entry.getLongUserId() : owner[0];
        long gid = owner == null ? entry.getLongGroupId() : owner[1];
        // Owner first: a chown clears the setuid and setgid bits the mode then sets.
        Files.setAttribute(host, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(host, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        if (entry.isSymbolicLink() || entry.isLink()) {
            return;
        }
        Files.setAttribute(host, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
        FileTime modified = FileTime.from(entry.getModTime().toInstant());
        if (entry.isDirectory()) {
            directoryTimes.add(Map.entry(host, modified));
        } else {
            Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(modified, null, null);
        }
    }
}
