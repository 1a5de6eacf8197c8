package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, started with {@code ./berth up} once for all suites and stopped with {@code ./berth down}
 * after the last, which must leave no process, mount, cgroup, namespace, bridge or rule of Berth's behind. Use
 * with {@code @ExtendWith}.
 */
public final class Berth implements BeforeAllCallback {
    /**
     * The launcher's {@code BERTH_PORT_OFFSET}, added to every port, so that the suites of two work trees can run side
     * by side ({@code -Dberth.port.offset=1000}); 0 by default.
     */
    static final int PORT_OFFSET = Integer.getInteger("berth.port.offset",
            Integer.parseInt(System.getenv().getOrDefault("BERTH_PORT_OFFSET", "0")));
    static final int GATEWAY_PORT = 2375 + PORT_OFFSET;
    static final String GATEWAY = "tcp://127.0.0.1:" + GATEWAY_PORT;
    static final String KAFKA = "127.0.0.1:" + (19092 + PORT_OFFSET);
    /** Berth's own registry, the gateway's second listener ({@code host:port}, as a reference names it). */
    static final String REGISTRY = "127.0.0.1:" + (5000 + PORT_OFFSET);
    /** The node's worker, for the suites that look at the node's own facts. */
    static final int WORKER_PORT = 8085 + PORT_OFFSET;
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);

    static final Path ROOT = Path.of(System.getProperty("berth.root", "..")).toAbsolutePath().normalize();
    static final Path HOME = Path.of(System.getProperty("berth.e2e.home", "/tmp/berth-e2e")).toAbsolutePath().normalize();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Berth.class, key -> start(), Running.class);
    }

    /** Every suite run starts from an empty state root: a platform a crashed run left up is stopped and wiped. */
    private static Running start() {
        if (Files.exists(HOME)) {
            launcher(Duration.ofMinutes(3), "down");
            deleteTree(HOME);
        }
        try {
            Files.createDirectories(HOME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Command.Result up = launcher(UP_TIMEOUT, "up");
        assertThat(up.exitCode()).as("./berth up\n%s", up).isZero();
        return new Running();
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + root + " before the suite", e);
        }
    }

    /** Runs {@code ./berth <args>} against the suite's own state root. */
    static Command.Result launcher(Duration timeout, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(ROOT.resolve("berth").toString());
        command.addAll(List.of(args));
        return Command.run(Map.of("BERTH_HOME", HOME.toString(), "BERTH_PORT_OFFSET", Integer.toString(PORT_OFFSET)),
                timeout, command);
    }

    /** The real docker CLI pointed at Berth's gateway. */
    static Command.Result docker(String... args) {
        return docker(Duration.ofMinutes(2), args);
    }

    static Command.Result docker(Duration timeout, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        return Command.run(Map.of("DOCKER_HOST", GATEWAY), timeout, command);
    }

    /** The docker CLI with {@code input} piped to its stdin. */
    static Command.Result dockerWithInput(String input, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        return Command.run(Map.of("DOCKER_HOST", GATEWAY), Duration.ofMinutes(2), input, command);
    }

    /** Stops the platform after the last suite and checks that nothing of it is left on the machine. */
    static final class Running implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            List<Leftovers.Network> networks = Leftovers.networksOf();
            Command.Result down = launcher(Duration.ofMinutes(3), "down");
            assertThat(down.exitCode()).as("./berth down\n%s", down).isZero();
            Leftovers.assertNoneUnder(HOME, networks);
        }
    }
}
