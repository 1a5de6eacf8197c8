package io.berth.events.node;

import java.time.Instant;

/**
 * A runtime fact from a worker ({@code io.berth.node.exit} on {@code berth.nodes}): the container's process ended.
 *
 * <p>{@code run} is the run's number, which container-service gave the worker when it started the run, so a consumer
 * can tell one exit from the next; the event id is derived from container and run, so a worker may report the same
 * exit again after a restart.
 */
public record ContainerExited(String node, String containerId, long run, int exitCode, Instant finishedAt) {
    public static final String ACTION = "exit";

    /** The event id that makes a repeated report of this exit recognisable. */
    public String eventId() {
        return "exit-" + containerId + "-" + run;
    }
}
