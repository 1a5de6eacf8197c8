package io.berth.image.build.context;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path.Clean} for slash-separated paths: the shortest equivalent path, {@code .} for an empty one. Docker
 * cleans .dockerignore patterns and context paths with it, so matching must see the same strings.
 *
 * @see <a href="https://pkg.go.dev/path#Clean">path.Clean</a>
 */
public final class GoPaths {
    private GoPaths() {}

    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /**
     * A path inside a root, as it is once joined to the root and cleaned: {@code ../x}, {@code /x} and {@code ./x}
     * all name {@code x}; the root itself is the empty string. Nothing can climb out of the root this way.
     */
    public static String inRoot(String path) {
        return clean("/" + path).substring(1);
    }
}
