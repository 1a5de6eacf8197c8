package io.berth.worker.state;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per container id: lifecycle calls and the exit reporter never act on one container at once. An id's lock
 * lives only while a caller holds it or waits for it, so the ids of deleted containers are not remembered for ever.
 */
@ApplicationScoped
public class ContainerLocks {
    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    public <T> T with(String id, Supplier<T> action) {
        // Counted in before locking, under the map's own lock for the id, so an entry is never dropped while
        // another caller is about to wait on it.
        Entry entry = locks.compute(id, (key, existing) -> (existing == null ? new Entry() : existing).join());
        entry.lock.lock();
        try {
            return action.get();
        } finally {
            entry.lock.unlock();
            locks.computeIfPresent(id, (key, existing) -> existing.leave() ? null : existing);
        }
    }

    public void run(String id, Runnable action) {
        with(id, () -> {
            action.run();
            return null;
        });
    }

    /** How many ids have a lock now: those being acted on or waited for. */
    int size() {
        return locks.size();
    }

    /** A lock and the callers that hold or wait for it; changed only inside the map's compute functions. */
    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;

        Entry join() {
            users++;
            return this;
        }

        /** True when the last user left. */
        boolean leave() {
            return --users == 0;
        }
    }
}
