package io.berth.worker.containers;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a fact on the node that nothing announces (a process gone, a file written), by looking again. */
final class Polling {
    private static final long INTERVAL_MS = 20;

    private Polling() {
    }

    /** Looks until {@code done} holds or {@code limit} passed; true when it holds. */
    static boolean until(BooleanSupplier done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
