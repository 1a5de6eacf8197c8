package io.berth.worker.node.teardown;

import io.berth.worker.state.ContainerDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The processes a state root leaves when its containers were deleted without their worker: a conmon whose command line
 * names a path under the root (its bundle, sockets and exit directory live there), and any process whose root
 * directory is under it (a container's init the runtime no longer knows).
 */
final class LeftoverProcesses {
    /**
     * conmon writes the exit file once its container is gone, then exits by itself: a moment for that lets the next
     * worker report the real exit code (137) instead of a lost run.
     */
    private static final Duration CONMON_GRACE = Duration.ofSeconds(2);
    private static final Duration DEATH_WAIT = Duration.ofSeconds(5);
    private static final String CONMON = "conmon";

    private final Path root;
    private final Consumer<String> say;

    LeftoverProcesses(Path root, Consumer<String> say) {
        this.root = root;
        this.say = say;
    }

    /** One process found, with the start of its command line to name it by. */
    record Leftover(long pid, String commandLine, boolean conmon) {
    }

    /** Kills every leftover and waits until they are gone; false when one survived. */
    boolean kill() {
        awaitGone(find().stream().filter(Leftover::conmon).toList(), CONMON_GRACE);
        List<Leftover> found = find();
        for (Leftover leftover : found) {
            if (ProcessHandle.of(leftover.pid()).map(ProcessHandle::destroyForcibly).orElse(false)) {
                say.accept("killed leftover process " + leftover.pid() + " (" + leftover.commandLine() + ")");
            }
        }
        // SIGKILL is delivered asynchronously; a mount the process still holds would not come off cleanly.
        List<Leftover> alive = awaitGone(found, DEATH_WAIT);
        alive.forEach(leftover -> say.accept("process " + leftover.pid() + " (" + leftover.commandLine()
                + ") is still alive"));
        return alive.isEmpty();
    }

    /** The leftovers running now. */
    List<Leftover> find() {
        List<Leftover> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), LeftoverProcesses::isPid)) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self) {
                    inspect(pid, proc).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            say.accept("cannot list processes: " + e.getMessage());
        }
        return found;
    }

    private Optional<Leftover> inspect(long pid, Path proc) {
        List<String> argv;
        try {
            argv = List.of(new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
            return Optional.empty();
        }
        String commandLine = String.join(" ", argv);
        commandLine = commandLine.length() > 80 ? commandLine.substring(0, 80) : commandLine;
        String program = argv.getFirst();
        boolean conmon = program.substring(program.lastIndexOf('/') + 1).equals(CONMON)
                && argv.stream().anyMatch(arg -> arg.contains(root + "/"));
        if (conmon || rootIsUnderStateRoot(proc)) {
            return Optional.of(new Leftover(pid, commandLine, conmon));
        }
        return Optional.empty();
    }

    private boolean rootIsUnderStateRoot(Path proc) {
        try {
            Path processRoot = Files.readSymbolicLink(proc.resolve("root"));
            return processRoot.startsWith(root) && !processRoot.equals(root);
        } catch (IOException | UnsupportedOperationException gone) {
            return false;
        }
    }

    /** Waits until none of them lives (a zombie does not); answers those still alive at the deadline. */
    private static List<Leftover> awaitGone(List<Leftover> leftovers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Leftover> alive = living(leftovers);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = living(alive);
        }
        return alive;
    }

    private static List<Leftover> living(List<Leftover> leftovers) {
        return leftovers.stream().filter(leftover -> ContainerDir.isAlive(leftover.pid())).toList();
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
