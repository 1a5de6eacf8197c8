package io.berth.worker.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-id locks: mutual exclusion, reentrance, and no id remembered once no call uses it. */
class ContainerLocksTest {
    private final ContainerLocks locks = new ContainerLocks();

    @Test
    void anIdsLockIsDroppedOnceNoCallHoldsOrWaitsForIt() {
        for (int i = 0; i < 1000; i++) {
            locks.run("container-" + i, () -> { });
        }
        assertThat(locks.size()).isZero();
    }

    @Test
    void aNestedCallOnTheSameIdKeepsTheLockUntilTheOuterOneEnds() {
        locks.run("a", () -> {
            locks.run("a", () -> assertThat(locks.size()).isEqualTo(1));
            assertThat(locks.size()).isEqualTo(1);
        });
        assertThat(locks.size()).isZero();
    }

    @Test
    void callsOnOneIdNeverOverlapAndTheLockIsDroppedAfterTheLast() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 200; i++) {
                    locks.run("shared", () -> {
                        if (inside.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                    });
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(locks.size()).isZero();
    }
}
