package io.berth.container.clients;

import io.vertx.core.http.HttpClientResponse;

/**
 * A worker's log stream once its head arrived: the body of k8s-file records, paused until the caller resumes it;
 * how many bytes at its start the log held when the call came; and whether it goes on after them, following a run.
 */
public record WorkerLog(HttpClientResponse records, long pastBytes, boolean following) {
}
