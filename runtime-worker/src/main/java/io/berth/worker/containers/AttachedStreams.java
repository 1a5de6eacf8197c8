package io.berth.worker.containers;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The log streams that follow a run of a container (attach, logs -f). A delete waits for them: with
 * {@code docker run --rm} the container is removed right after it exits, and its output must reach the client
 * first (the CLI reads it from the attach stream, and dockerd flushes attach before removing).
 */
@ApplicationScoped
public class AttachedStreams {
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    /** Counts a stream in; call {@link #closed(String)} when it ends. */
    public void opened(String id) {
        open.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
    }

    public void closed(String id) {
        open.computeIfPresent(id, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Waits until no stream follows the container, at most {@code limit}. */
    void awaitDrained(String id, Duration limit) {
        Polling.until(() -> !open.containsKey(id), limit);
    }
}
