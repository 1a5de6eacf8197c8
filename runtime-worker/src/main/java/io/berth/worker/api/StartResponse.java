package io.berth.worker.api;

/** Answer to start: which run of the container this is, its init pid, when it started (RFC 3339). */
public record StartResponse(long run, long pid, String startedAt) {
}
