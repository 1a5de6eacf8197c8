package io.berth.worker.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The node's IPv4 routes as network-service asks for them when it picks a subnet: the destination of every route of
 * the main table but the default one, in CIDR notation, read from {@code /proc/net/route} (the kernel's own table,
 * as {@code ip route} shows it).
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/proc_net.5.html">proc_net(5)</a>
 */
public final class NodeRoutes {
    private static final Path TABLE = Path.of("/proc/net/route");

    private NodeRoutes() {
    }

    public static List<String> current() {
        try {
            return parse(Files.readString(TABLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** The table's lines after its header: interface, destination and mask in little-endian hex. */
    static List<String> parse(String table) {
        LinkedHashSet<String> routes = new LinkedHashSet<>();
        for (String line : table.lines().skip(1).toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8) {
                continue;
            }
            long destination = Long.parseLong(fields[1], 16);
            long mask = Long.parseLong(fields[7], 16);
            int bits = Long.bitCount(mask);
            if (bits == 0) {
                continue;
            }
            routes.add(dotted(destination & mask) + "/" + bits);
        }
        return new ArrayList<>(routes);
    }

    /** The kernel writes the address in host byte order, which is little-endian on the machines Berth runs on. */
    private static String dotted(long littleEndian) {
        return (littleEndian & 0xff) + "." + ((littleEndian >> 8) & 0xff) + "." + ((littleEndian >> 16) & 0xff) + "."
                + ((littleEndian >> 24) & 0xff);
    }
}
