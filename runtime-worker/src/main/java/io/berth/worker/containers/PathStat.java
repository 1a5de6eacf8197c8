package io.berth.worker.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Docker's {@code ContainerPathStat}, sent base64-encoded in {@code X-Docker-Container-Path-Stat}: the mode is Go's
 * {@code os.FileMode} (type bits high, permission bits low), as the docker CLI decodes it.
 */
public record PathStat(@JsonProperty("name") String name, @JsonProperty("size") long size,
        @JsonProperty("mode") long mode, @JsonProperty("mtime") String mtime,
        @JsonProperty("linkTarget") String linkTarget) {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    static final int S_IFIFO = 0010000;
    static final int S_IFSOCK = 0140000;

    /** What the file at {@code host} is, not following a link there. */
    static PathStat of(String name, Path host, String linkTarget) {
        try {
            Map<String, Object> unix = Files.readAttributes(host, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            return new PathStat(name, (Long) unix.get("size"), goMode((Integer) unix.get("mode")),
                    ((FileTime) unix.get("lastModifiedTime")).toInstant().toString(), linkTarget);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Go's {@code os.FileMode} of a {@code st_mode}. */
    static long goMode(int stMode) {
        long mode = stMode & 0777;
        if ((stMode & 04000) != 0) {
            mode |= 1L << 23;
        }
        if ((stMode & 02000) != 0) {
            mode |= 1L << 22;
        }
        if ((stMode & 01000) != 0) {
            mode |= 1L << 20;
        }
        return mode | switch (stMode & S_IFMT) {
            case S_IFDIR -> 1L << 31;
            case S_IFLNK -> 1L << 27;
            case S_IFCHR -> (1L << 26) | (1L << 21);
            case S_IFBLK -> 1L << 26;
            case S_IFIFO -> 1L << 25;
            case S_IFSOCK -> 1L << 24;
            default -> 0L;
        };
    }
}
