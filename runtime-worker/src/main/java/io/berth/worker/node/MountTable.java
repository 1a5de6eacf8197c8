package io.berth.worker.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The kernel's mount table as {@code /proc/self/mountinfo} shows it: the one reader of that file in the worker (overlay
 * mounts, the cgroup layout, the node's teardown and the tests all ask it).
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html">proc_pid_mountinfo(5)</a>
 */
public record MountTable(List<Mount> mounts) {
    private static final Path SELF = Path.of("/proc/self/mountinfo");

    public MountTable {
        mounts = List.copyOf(mounts);
    }

    /**
     * One line of the table: where it is mounted, what, and from where; strings unescaped. {@code optionalFields} are
     * the propagation tags ({@code shared:N}, {@code master:N}, {@code propagate_from:N}, {@code unbindable}).
     */
    public record Mount(Path mountPoint, String fsType, String source, String superOptions, List<String> optionalFields) {
        public Mount {
            optionalFields = optionalFields == null ? List.of() : List.copyOf(optionalFields);
        }

        /** A mount without propagation tags (private). */
        public Mount(Path mountPoint, String fsType, String source, String superOptions) {
            this(mountPoint, fsType, source, superOptions, List.of());
        }

        /** Whether the mount is in a peer group ({@code shared:N}). */
        public boolean shared() {
            return optionalFields.stream().anyMatch(field -> field.startsWith("shared:"));
        }

        /** Whether the mount receives propagation from a peer group ({@code master:N}). */
        public boolean slave() {
            return optionalFields.stream().anyMatch(field -> field.startsWith("master:"));
        }
    }

    /** The table of this process's mount namespace, read now. */
    public static MountTable current() {
        try {
            return parse(Files.readString(SELF));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mount table " + SELF + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads mountinfo text: {@code id parent major:minor root mountpoint options [optional fields...] - fstype source
     * superoptions}. The optional fields vary in number ({@code shared:N}, {@code master:N}, none), so the part after
     * the lone {@code -} is found by that separator, not by position.
     */
    public static MountTable parse(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (separator < 6 || fields.length < separator + 4) {
                throw new IllegalArgumentException("not a mountinfo line: " + line);
            }
            mounts.add(new Mount(Path.of(unescape(fields[4])), unescape(fields[separator + 1]),
                    unescape(fields[separator + 2]), unescape(fields[separator + 3]),
                    List.of(fields).subList(6, separator)));
        }
        return new MountTable(mounts);
    }

    /** Whether something is mounted on {@code path} (an absolute path, as the kernel shows it). */
    public boolean isMountPoint(Path path) {
        Path wanted = path.toAbsolutePath().normalize();
        return mounts.stream().anyMatch(mount -> mount.mountPoint().equals(wanted));
    }

    /** The mounts strictly below {@code dir}, in table order (a parent before what is mounted on top of it). */
    public List<Mount> under(Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        return mounts.stream().filter(mount -> mount.mountPoint().startsWith(base) && !mount.mountPoint().equals(base))
                .toList();
    }

    /**
     * The mount a path is on: of the mount points that hold it, the longest, and of mounts stacked there the last
     * (moby's {@code getSourceMount}). {@code path} is absolute with its links resolved.
     */
    public Mount holding(Path path) {
        Mount found = null;
        for (Mount mount : mounts) {
            if (path.startsWith(mount.mountPoint())
                    && (found == null || mount.mountPoint().getNameCount() >= found.mountPoint().getNameCount())) {
                found = mount;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no mount holds " + path);
        }
        return found;
    }

    /** The mounts of these filesystem types, in table order. */
    public List<Mount> ofType(Set<String> fsTypes) {
        return mounts.stream().filter(mount -> fsTypes.contains(mount.fsType())).toList();
    }

    /**
     * The kernel writes space, tab, newline and backslash in these fields as a backslash and three octal digits
     * ({@code \040}); anything else stands for itself.
     */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1, 3)) {
                out.append((char) Integer.parseInt(field, i + 1, i + 4, 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
