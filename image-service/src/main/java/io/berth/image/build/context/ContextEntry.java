package io.berth.image.build.context;

import java.time.Instant;
import java.util.Map;

/**
 * One file system entry of a build context, as its tar header describes it. {@code path} is relative to the context
 * root, cleaned, without leading or trailing slash; {@code linkTarget} is a symlink's target as written, or a hard
 * link's target path in the context; directories the tar only implies have {@code implied} set.
 */
public record ContextEntry(String path, Type type, int mode, long uid, long gid, long size, Instant modified,
                           String linkTarget, Map<String, String> xattrs, boolean implied) {

    /** What kind of entry it is. */
    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO }

    public ContextEntry {
        xattrs = Map.copyOf(xattrs);
    }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }

    /** A directory the tar did not list but one of its entries lives in (Docker makes it 0755, owned by root). */
    static ContextEntry impliedDirectory(String path, Instant now) {
        return new ContextEntry(path, Type.DIRECTORY, 0755, 0, 0, 0, now, null, Map.of(), true);
    }

    ContextEntry at(String newPath) {
        return new ContextEntry(newPath, type, mode, uid, gid, size, modified, linkTarget, xattrs, implied);
    }
}
