package io.berth.worker.exits;

import io.berth.worker.network.ContainerNetworks;
import io.berth.worker.state.RunEnds;

import io.berth.worker.NodePaths;
import io.berth.worker.config.WorkerConfig;
import io.berth.worker.state.ContainerLocks;
import io.berth.worker.state.MetaStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes the exit reporter a restarted worker would have, from the running application's parts. */
@ApplicationScoped
class RestartedReporters {
    private final WorkerConfig config;
    private final NodePaths paths;
    private final MetaStore metas;
    private final ContainerLocks locks;
    private final ExitPublisher publisher;

    RestartedReporters(WorkerConfig config, NodePaths paths, MetaStore metas, ContainerLocks locks, ExitPublisher publisher) {
        this.config = config;
        this.paths = paths;
        this.metas = metas;
        this.locks = locks;
        this.publisher = publisher;
    }

    /** A new reporter, not started. */
    ExitReporter fresh() {
        return new ExitReporter(config, paths, metas, locks, publisher, new RunEnds(), new ContainerNetworks(paths));
    }
}
