package io.berth.worker.containers;

/**
 * One container on this node as the node-wide listing shows it: its id, whose it is, its name and its last run.
 * A directory without meta (a create the worker did not finish) has no tenant, name or status.
 */
public record NodeContainer(String id, String tenant, String name, RunStatus status) {
}
