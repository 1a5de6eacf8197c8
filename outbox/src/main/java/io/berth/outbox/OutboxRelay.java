package io.berth.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka, oldest first, and deletes exactly the rows Kafka acknowledged.
 *
 * <p>It runs when woken after a commit and on a periodic sweep ({@code berth.outbox.sweep}) that catches what a
 * crash, an outage or another replica's turn left behind. What it guarantees, and how:
 * <ul>
 * <li><b>One relay at a time.</b> A run takes a transaction-scoped advisory lock on the schema's outbox table
 * ({@link OutboxTable#takeTurn}); replicas of a service on one database take turns, so two never send one resource's
 * events at once. A relay that does not get the lock looks again shortly when events wait (the holder may have read
 * its batch before they committed), and on its next wake-up or sweep.
 * <li><b>One key's events in commit order.</b> Rows go out in {@code seq} order. The writers of one resource
 * serialise on its row, so one key's rows take their {@code seq} in commit order. Within a run, a send that fails
 * in a way that may pass (the broker down) stops every send behind it and they are all kept, in order, for the next
 * run ({@link OutboxPublisher} says how Kafka is kept from sending the ones behind it).
 * <li><b>Never published twice in normal operation.</b> The rows Kafka acknowledged are deleted in the run's
 * transaction, whether or not others in the batch failed. A row is sent again only after a crash between Kafka's
 * acknowledgement and the commit, or when a request's fate was unknown to Kafka itself (a timeout while it was in
 * flight): at least once, and consumers apply each event id once ({@link AppliedEvents}).
 * <li><b>A poison event never stops the others.</b> A row Kafka refuses for good ({@link
 * OutboxPublisher#refusedForGood}: too large, invalid) is moved to {@code outbox_dead_letter} with the reason and
 * the time in the transaction that deletes it, logged once and counted ({@code berth_outbox_dead_letters_total}),
 * and the rows behind it are published as if it had not been there.
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** How soon a relay that found another one publishing looks again while events wait. */
    private static final Duration BUSY_RETRY = Duration.ofMillis(50);

    private final Pool pool;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final OutboxPublisher publisher;
    private final OutboxMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean retryPending = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    OutboxRelay(Pool pool, Vertx vertx, OutboxConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.publisher = new OutboxPublisher(bootstrapServers, config.deliveryTimeout());
        this.metrics = new OutboxMetrics(registry);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    void start() {
        timer = vertx.setPeriodic(config.sweep().toMillis(), id -> wakeUp());
    }

    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        publisher.close();
    }

    /** Asks for a run now; runs never overlap, and a wake-up during a run causes one more run after it. */
    public void wakeUp() {
        if (stopped) {
            return;
        }
        wanted.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        wanted.set(false);
        run().map(this::committed).subscribe().with(this::finished, failure -> {
            if (!stopped) { // a run that shutdown cut short rolled back: its rows wait for the next relay
                LOG.warnf("outbox relay: %s (will retry)", failure.getMessage());
            }
            finished(Next.IDLE);
        });
    }

    /** What to do after a run. */
    private enum Next {
        /** Wait for a wake-up or the sweep. */
        IDLE,
        /** Run again now: the batch was full and all of it settled. */
        AGAIN,
        /** Another relay held the lock while events waited: look again shortly. */
        SOON
    }

    private void finished(Next next) {
        running.set(false);
        switch (next) {
            case AGAIN -> wakeUp();
            case SOON -> {
                if (retryPending.compareAndSet(false, true)) {
                    vertx.setTimer(BUSY_RETRY.toMillis(), id -> {
                        retryPending.set(false);
                        wakeUp();
                    });
                }
            }
            case IDLE -> {
                if (wanted.get()) {
                    wakeUp();
                }
            }
        }
    }

    /** One run's result: whether it held the lock, whether events waited when it did not, what it delivered. */
    private record Run(boolean ours, boolean waiting, List<Delivery> deliveries) {
    }

    private Uni<Run> run() {
        return pool.withTransaction(connection -> OutboxTable.takeTurn(connection).flatMap(turn -> {
            metrics.sawOldest(turn.oldest());
            if (!turn.ours()) {
                return Uni.createFrom().item(new Run(false, turn.oldest() != null, List.of()));
            }
            return OutboxTable.oldest(connection, config.batchSize())
                    .flatMap(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<Delivery>of()) : vertx
                            .executeBlocking(() -> publisher.publish(rows), false)
                            .call(deliveries -> OutboxTable.settle(connection, deliveries)))
                    .map(deliveries -> new Run(true, false, deliveries));
        }));
    }

    /** Counts and logs what a run's committed transaction settled, and says what to do next. */
    private Next committed(Run run) {
        if (!run.ours()) {
            return run.waiting() ? Next.SOON : Next.IDLE;
        }
        boolean allSettled = true;
        for (Delivery delivery : run.deliveries()) {
            metrics.count(delivery);
            switch (delivery.outcome()) {
                case SET_ASIDE -> LOG.errorf("outbox relay: Kafka refused event %s (topic %s, key %s) for good;"
                                + " it is set aside in outbox_dead_letter and the events behind it go on: %s",
                        delivery.row().eventId(), delivery.row().topic(), delivery.row().key(), delivery.reason());
                case KEPT -> {
                    if (allSettled) {
                        LOG.warnf("outbox relay: Kafka did not take event %s (%s); it and the events behind it stay"
                                + " in the outbox and are sent again, in order, on the next run",
                                delivery.row().eventId(), delivery.reason());
                    }
                    allSettled = false;
                }
                case PUBLISHED -> {
                }
            }
        }
        return allSettled && run.deliveries().size() == config.batchSize() ? Next.AGAIN : Next.IDLE;
    }
}
