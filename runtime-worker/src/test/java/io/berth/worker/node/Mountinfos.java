package io.berth.worker.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Captured {@code /proc/self/mountinfo} texts the tests read (test resources beside this class). */
public final class Mountinfos {
    /** A cgroup v1 + v2 hybrid host, captured with tmpfs mounts on paths holding a space, tab, backslash, newline. */
    public static final String HYBRID = read("mountinfo-hybrid.txt");
    /** A pure cgroup v2 host (Debian 12 with systemd): optional fields such as {@code shared:33 master:1}. */
    public static final String UNIFIED = read("mountinfo-unified.txt");

    private Mountinfos() {
    }

    private static String read(String name) {
        try (InputStream in = Mountinfos.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
