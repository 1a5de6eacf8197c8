package io.berth.container.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Callers waiting for a container to exit or to be removed ({@code POST /wait}, {@code stop}, {@code rm -f}) on this
 * replica, completed once the change is committed: at once by the replica that made it, and on every replica by the
 * change's announcement on {@code berth.containers} ({@code inbound/ContainerAnnouncements}). Completing twice is
 * harmless.
 */
@ApplicationScoped
public class ExitWaiters {
    private final Map<String, List<CompletableFuture<Integer>>> exits = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<Integer>>> removals = new ConcurrentHashMap<>();

    /** A registration to take before the action that may cause the exit, so the exit cannot slip past. */
    public Registration nextExit(String containerId) {
        return register(exits, containerId);
    }

    public Registration removal(String containerId) {
        return register(removals, containerId);
    }

    public void exited(String containerId, int exitCode) {
        complete(exits, containerId, exitCode);
    }

    public void removed(String containerId, int exitCode) {
        complete(removals, containerId, exitCode);
        complete(exits, containerId, exitCode);
    }

    private static Registration register(Map<String, List<CompletableFuture<Integer>>> waiters, String id) {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        waiters.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(future);
        return new Registration(future, () -> waiters.computeIfPresent(id, (key, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        }));
    }

    private static void complete(Map<String, List<CompletableFuture<Integer>>> waiters, String id, int exitCode) {
        List<CompletableFuture<Integer>> list = waiters.remove(id);
        if (list != null) {
            list.forEach(future -> future.complete(exitCode));
        }
    }

    /** One waiter: the exit code when it comes, or cancel it when the caller gives up. */
    public record Registration(CompletableFuture<Integer> future, Runnable cancel) {
        /** A fresh view of the exit each time: a caller that gives up (a timeout) must not cancel it for the next. */
        public Uni<Integer> exitCode() {
            return Uni.createFrom().completionStage(future::copy);
        }
    }
}
