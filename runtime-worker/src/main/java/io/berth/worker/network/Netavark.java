package io.berth.worker.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.InternalException;
import io.berth.worker.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs netavark, the tool that sets a container's network namespace up and tears it down (ARCHITECTURE rule 6: the
 * worker drives it, it does not re-implement it): veth pairs on Linux bridges, addresses and routes, the iptables
 * rules of networks and published ports, and aardvark-dns for names. Its configuration and aardvark-dns's state live
 * in {@code <state root>/netavark}, so every platform on a machine has its own aardvark-dns.
 *
 * <p>One netavark runs at a time on the machine: it checks and then adds shared iptables chains, and two at once can
 * double them. The lock is a file under {@code /run}, shared by every platform's worker and teardown.
 *
 * @see <a href="https://github.com/containers/netavark/blob/v1.4.0/docs/netavark.1.md">netavark(1)</a>
 */
public final class Netavark {
    /** Debian's packages put both tools here (podman's helper directory), off every PATH. */
    public static final String BINARY = "/usr/lib/podman/netavark";
    public static final String AARDVARK = "/usr/lib/podman/aardvark-dns";
    private static final Path MACHINE_LOCK = Path.of("/run/berth-netavark.lock");
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configDir;
    private final String binary;
    private final String aardvark;

    public Netavark(Path stateRoot, String binary, String aardvark) {
        this.configDir = stateRoot.resolve("netavark");
        this.binary = binary;
        this.aardvark = aardvark;
    }

    /** netavark's and aardvark-dns's state directory; aardvark-dns keeps its pid file in {@code aardvark-dns/}. */
    public Path configDir() {
        return configDir;
    }

    /** The pid file aardvark-dns writes for this state root. */
    public Path aardvarkPidFile() {
        return configDir.resolve("aardvark-dns").resolve("aardvark.pid");
    }

    /** Sets the namespace up as {@code options} says; netavark's status block, by network. */
    public JsonNode setup(Path netns, Path options) {
        return run("setup", netns, options);
    }

    /** Undoes what {@link #setup} did with the same options. */
    public void teardown(Path netns, Path options) {
        run("teardown", netns, options);
    }

    private JsonNode run(String command, Path netns, Path options) {
        return exclusively(() -> {
            try {
                Files.createDirectories(configDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Exec.Result result = Exec.run(List.of(binary, "--config", configDir.toString(), "--aardvark-binary", aardvark,
                    "--file", options.toString(), command, netns.toString()), TIMEOUT);
            JsonNode answer = lastJsonLine(result.output());
            if (!result.ok()) {
                String why = answer != null && answer.hasNonNull("error") ? answer.get("error").asText() : result.output();
                throw new InternalException("netavark " + command + " failed: " + why);
            }
            return answer;
        });
    }

    /** Runs {@code action} holding the machine-wide netavark lock. */
    static <T> T exclusively(Supplier<T> action) {
        IN_THIS_JVM.lock();
        try (FileChannel channel = FileChannel.open(MACHINE_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take " + MACHINE_LOCK + ": " + e.getMessage(), e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    /** netavark writes its answer (or its error) as one JSON line on stdout; its log lines go to stderr. */
    private static JsonNode lastJsonLine(String output) {
        List<String> lines = output.lines().filter(line -> line.startsWith("{")).toList();
        if (lines.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(lines.getLast());
        } catch (IOException e) {
            return null;
        }
    }
}
