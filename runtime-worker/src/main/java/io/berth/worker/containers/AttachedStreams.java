package io.berth.worker.containers;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attach streams reading each container's log. A delete waits for them: with {@code docker run --rm} the
 * container is removed right after it exits, and its output must reach the client first (the CLI reads it from the
 * attach stream, and dockerd flushes attach before removing).
 */
@ApplicationScoped
public class AttachedStreams {
    private static final long POLL_MS = 10;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    /** Counts a stream in; call {@link #closed(String)} when it ends. */
    public void opened(String id) {
        open.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
    }

    public void closed(String id) {
        open.computeIfPresent(id, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Waits until no stream reads the container, at most {@code limit}. */
    void awaitDrained(String id, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (open.containsKey(id) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
