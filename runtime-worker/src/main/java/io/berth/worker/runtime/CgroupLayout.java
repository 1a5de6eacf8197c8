package io.berth.worker.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How this host mounts cgroups, read from {@code /proc/self/mountinfo}: pure v2 (one {@code cgroup2} mount), hybrid
 * (v1 controllers plus a {@code cgroup2} mount beside them) or legacy v1 only; and every cgroup mount point, for
 * cleaning up the parent cgroup the worker uses.
 *
 * @see <a href="https://docs.kernel.org/admin-guide/cgroup-v2.html">cgroup v2</a>
 */
public record CgroupLayout(Kind kind, List<Path> mountPoints) {

    /** The three ways a Linux host mounts cgroups. */
    public enum Kind {
        UNIFIED, HYBRID, LEGACY
    }

    /** Reads the layout from mountinfo text. */
    public static CgroupLayout parse(String mountinfo) {
        boolean v1 = false;
        boolean v2 = false;
        List<Path> points = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            // Fields: id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] before = line.substring(0, separator).split(" ");
            String[] after = line.substring(separator + 3).split(" ");
            if (before.length < 5 || after.length < 1) {
                continue;
            }
            String type = after[0];
            if (type.equals("cgroup")) {
                v1 = true;
                points.add(Path.of(unescape(before[4])));
            } else if (type.equals("cgroup2")) {
                v2 = true;
                points.add(Path.of(unescape(before[4])));
            }
        }
        Kind kind = v1 ? (v2 ? Kind.HYBRID : Kind.LEGACY) : Kind.UNIFIED;
        return new CgroupLayout(kind, List.copyOf(points));
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
