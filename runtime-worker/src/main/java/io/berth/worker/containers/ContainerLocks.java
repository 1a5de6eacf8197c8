package io.berth.worker.containers;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock per container id: lifecycle calls and the exit reporter never act on one container at once. */
@ApplicationScoped
public class ContainerLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T with(String id, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public void run(String id, Runnable action) {
        with(id, () -> {
            action.run();
            return null;
        });
    }
}
