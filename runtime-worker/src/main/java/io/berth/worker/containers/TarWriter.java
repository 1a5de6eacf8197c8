package io.berth.worker.containers;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A container path as a tar, the way dockerd's archive package writes one for {@code docker cp}: entries named from
 * {@code entryName} down, owners and modes kept, a second name of a file as a hard link to the first, devices and
 * fifos as such, sockets left out (tar cannot hold them). The container's binds are followed into; the runtime's own
 * mounts ({@code /proc}, a tmpfs) are shown as their empty mount points.
 */
final class TarWriter {
    private final ContainerView view;
    private final TarArchiveOutputStream tar;
    /** Files with several names already written, by device and inode: the later names become hard links. */
    private final Map<List<Object>, String> written = new HashMap<>();

    private TarWriter(ContainerView view, TarArchiveOutputStream tar) {
        this.view = view;
        this.tar = tar;
    }

    static void write(ContainerView view, String containerPath, Path host, String entryName, OutputStream out) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                // The caller ends its own stream.
                flush();
            }
        })) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            new TarWriter(view, tar).add(containerPath, host, entryName);
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String containerPath, Path host, String name) throws IOException {
        Map<String, Object> unix = Files.readAttributes(host, "unix:mode,uid,gid,size,lastModifiedTime,nlink,ino,dev,rdev",
                LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        int type = mode & PathStat.S_IFMT;
        TarArchiveEntry entry;
        boolean content = false;
        switch (type) {
            case PathStat.S_IFDIR -> entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
            case PathStat.S_IFLNK -> {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(host).toString());
            }
            case PathStat.S_IFCHR, PathStat.S_IFBLK -> {
                entry = new TarArchiveEntry(name, type == PathStat.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                long rdev = (Long) unix.get("rdev");
                entry.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
                entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
            }
            case PathStat.S_IFIFO -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
            case PathStat.S_IFREG -> {
                List<Object> key = List.of(unix.get("dev"), unix.get("ino"));
                String first = (Integer) unix.get("nlink") > 1 ? written.putIfAbsent(key, name) : null;
                if (first != null) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    entry.setLinkName(first);
                } else {
                    entry = new TarArchiveEntry(name);
                    entry.setSize((Long) unix.get("size"));
                    content = true;
                }
            }
            default -> {
                return;
            }
        }
        entry.setMode(mode & 07777);
        entry.setUserId(((Integer) unix.get("uid")).longValue());
        entry.setGroupId(((Integer) unix.get("gid")).longValue());
        entry.setModTime((FileTime) unix.get("lastModifiedTime"));
        tar.putArchiveEntry(entry);
        if (content) {
            Files.copy(host, tar);
        }
        tar.closeArchiveEntry();
        if (type == PathStat.S_IFDIR && !view.isRuntimeMountPoint(containerPath)) {
            List<String> children;
            try (Stream<Path> listing = Files.list(host)) {
                children = listing.map(child -> child.getFileName().toString()).sorted().toList();
            }
            String directory = name.endsWith("/") ? name : name + "/";
            for (String child : children) {
                String childPath = ContainerArchive.join(containerPath, child);
                add(childPath, view.hostOf(childPath), directory + child);
            }
        }
    }
}
