package io.berth.worker.containers;

import java.time.Instant;

/** The runtime state of a container as the worker sees it now. */
public record ContainerStatus(Status status, long pid, long run, Integer exitCode, Instant startedAt,
        Instant finishedAt) {

    /** The three states the worker distinguishes; lifecycle rules beyond them are container-service's. */
    public enum Status {
        CREATED, RUNNING, EXITED
    }

    public boolean running() {
        return status == Status.RUNNING;
    }
}
