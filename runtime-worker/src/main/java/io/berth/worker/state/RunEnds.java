package io.berth.worker.state;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the streams that follow a container's run as soon as the node sees a run of it end (conmon's exit file
 * appears), so an attach stream ends right after the run instead of at its next look at the log; they still look
 * now and then by themselves, which covers a wake-up that comes between their look and their wait.
 */
@ApplicationScoped
public class RunEnds {
    private final ConcurrentHashMap<String, Object> waiting = new ConcurrentHashMap<>();

    /** A run of the container ended: whoever waits on it looks again now. */
    public void ended(String id) {
        Object monitor = waiting.get(id);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** Waits up to {@code millis}, or until a run of the container is seen ending. */
    public void await(String id, long millis) throws InterruptedException {
        Object monitor = waiting.computeIfAbsent(id, key -> new Object());
        synchronized (monitor) {
            monitor.wait(millis);
        }
    }

    /** The container is gone: nothing will wait on it again. */
    public void forget(String id) {
        waiting.remove(id);
    }
}
