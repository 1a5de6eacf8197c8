package io.berth.worker.node;

import io.berth.worker.Exec;
import java.time.Duration;
import java.util.List;

/**
 * The named network namespaces Berth keeps on a node ({@code ip netns}, under {@code /run/netns}), all named
 * {@value #PREFIX}{@code <name>}. The worker makes none yet (networking through netavark is not done); the node's
 * teardown already removes any that carry the prefix, so the name is written here once.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/ip-netns.8.html">ip-netns(8)</a>
 */
public final class NetworkNamespaces {
    /** What every Berth network namespace's name starts with. */
    public static final String PREFIX = "berth-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private NetworkNamespaces() {
    }

    /** The Berth namespaces that exist now; none when {@code ip} is missing or knows none. */
    public static List<String> list() {
        Exec.Result result = Exec.run(List.of(Exec.which("ip"), "netns", "list"), TIMEOUT);
        if (!result.ok()) {
            return List.of();
        }
        // Each line is "<name>" or "<name> (id: <n>)".
        return result.output().lines().map(line -> line.split(" ", 2)[0]).filter(name -> name.startsWith(PREFIX))
                .toList();
    }

    /** Deletes one namespace (unmounts and unlinks its {@code /run/netns} entry); false when ip refused. */
    public static boolean delete(String name) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Berth network namespace: " + name);
        }
        return Exec.run(List.of(Exec.which("ip"), "netns", "delete", name), TIMEOUT).ok();
    }
}
