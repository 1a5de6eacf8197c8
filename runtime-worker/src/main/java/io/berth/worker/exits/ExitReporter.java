package io.berth.worker.exits;

import io.berth.events.node.ContainerExited;
import io.berth.worker.NodePaths;
import io.berth.worker.config.WorkerConfig;
import io.berth.worker.network.ContainerNetworks;
import io.berth.worker.state.ContainerLocks;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.ExitFile;
import io.berth.worker.state.MetaStore;
import io.berth.worker.state.RunEnds;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Announces every container exit on Kafka, at least once: watches conmon's exit directory, and on start-up and
 * every few seconds rescans it, so exits that happened while the worker was down, or that Kafka did not take, are
 * reported too. An exit counts as reported ({@code meta.reportedRun}) only after Kafka acknowledged it.
 */
@ApplicationScoped
public class ExitReporter {
    /** What a run that ended without an exit file is reported as: Docker's code after a reboot. */
    public static final int LOST_RUN_EXIT_CODE = 255;

    private static final Logger LOG = Logger.getLogger(ExitReporter.class);
    private final NodePaths paths;
    private final MetaStore metas;
    private final ContainerLocks locks;
    private final ExitPublisher publisher;
    private final RunEnds runEnds;
    private final ContainerNetworks networks;
    private final String node;
    private final Duration rescan;
    private volatile Thread loop;
    private volatile WatchService watcher;

    public ExitReporter(WorkerConfig config, NodePaths paths, MetaStore metas, ContainerLocks locks,
            ExitPublisher publisher, RunEnds runEnds, ContainerNetworks networks) {
        this.runEnds = runEnds;
        this.networks = networks;
        this.paths = paths;
        this.metas = metas;
        this.locks = locks;
        this.publisher = publisher;
        this.node = config.node();
        this.rescan = config.exitRescan();
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts watching; reports every exit already in the directory first. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        try {
            Files.createDirectories(paths.exits());
            watcher = paths.exits().getFileSystem().newWatchService();
            paths.exits().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + paths.exits(), e);
        }
        WatchService watching = watcher;
        // Published before it starts: run() keeps going only while it is the current loop, and a thread that ran
        // before this assignment would see none and stop at once.
        Thread thread = Thread.ofPlatform().name("exit-reporter").daemon().unstarted(() -> run(watching));
        loop = thread;
        thread.start();
    }

    /** Stops watching; exits that happen meanwhile are reported by the next {@link #start()}. */
    public synchronized void stop() {
        Thread running = loop;
        loop = null;
        if (running == null) {
            return;
        }
        try {
            watcher.close();
            running.interrupt();
            running.join(5_000);
        } catch (IOException e) {
            LOG.debugf("closing the exit watcher: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(WatchService watching) {
        while (loop == Thread.currentThread()) {
            scan();
            try {
                WatchKey key = watching.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    // Streams following these runs look again now; the next scan, at the top of the loop, reports the exits.
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path name && MetaStore.ID.matcher(name.toString()).matches()) {
                            runEnds.ended(name.toString());
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    /** Reports every unreported exit in the exit directory, then every run that ended without one. */
    void scan() {
        forEachContainer(paths.exits(), this::report);
        forEachContainer(paths.containers(), this::reportLost);
    }

    private static void forEachContainer(Path directory, java.util.function.Predicate<String> action) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String id = entry.getFileName().toString();
                // conmon writes the exit file through a temp file <id>.XXXXXX; only bare ids are exits.
                if (MetaStore.ID.matcher(id).matches()) {
                    action.test(id);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("scanning %s failed, will retry: %s", directory, e.getMessage());
        }
    }

    /**
     * A run whose conmon died before it could write the exit (killed by {@code ./berth down}, or the node went down)
     * ends as {@value #LOST_RUN_EXIT_CODE}, the code Docker shows for containers that were running at a reboot.
     */
    boolean reportLost(String id) {
        return locks.with(id, () -> {
            Optional<ContainerMeta> found = metas.load(id);
            if (found.isEmpty()) {
                return true;
            }
            ContainerMeta meta = found.get();
            // Processes first, the exit file after: conmon writes the file and then exits, so a file looked for
            // once conmon is seen gone is there if it will ever be. The other order misread a plain exit as lost.
            if (meta.run() == 0 || meta.currentExitReported() || metas.dir(id).processesAlive(meta.pid())
                    || Files.exists(paths.exitFile(id))) {
                return true;
            }
            return publish(id, meta, LOST_RUN_EXIT_CODE, Instant.now());
        });
    }

    /**
     * Reports the container's current exit unless Kafka already has it; true when the exit is (now) reported or
     * there is none to report, false when Kafka did not acknowledge it.
     */
    public boolean report(String id) {
        return locks.with(id, () -> {
            Optional<ExitFile> exit = ExitFile.read(paths.exitFile(id));
            if (exit.isEmpty()) {
                return true;
            }
            Optional<ContainerMeta> found = metas.load(id);
            if (found.isEmpty()) {
                if (!metas.dir(id).exists()) {
                    // The container was deleted; the exit was reported (or lost with it) then.
                    deleteQuietly(paths.exitFile(id));
                }
                return true;
            }
            ContainerMeta meta = found.get();
            if (meta.run() == 0 || meta.currentExitReported()) {
                // A worker that stopped between reporting a run's end and tearing its network down finishes that now.
                networks.tearDownLater(id);
                return true;
            }
            return publish(id, meta, exit.get().exitCode(), exit.get().finishedAt());
        });
    }

    /** Sends the exit of the current run and records it as reported once Kafka acknowledged it. */
    private boolean publish(String id, ContainerMeta meta, int exitCode, Instant finishedAt) {
        // The run's network goes in the background: the exit is reported at once, and the next setup on this node
        // waits for the teardown, so an address or port handed out again is free by then.
        networks.tearDownLater(id);
        ContainerExited exited = new ContainerExited(node, id, meta.run(), exitCode, finishedAt);
        try {
            publisher.publish(meta.tenant(), exited);
        } catch (ExitPublisher.ExitNotPublishedException e) {
            LOG.warn(e.getMessage());
            return false;
        }
        metas.save(id, meta.reported(meta.run(), exitCode, finishedAt));
        LOG.debugf("reported exit %s (code %d)", exited.eventId(), exited.exitCode());
        return true;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // retried on the next scan
        }
    }
}
