package io.berth.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The relay's statements over the outbox and its dead-letter table, each run inside the run's transaction. */
final class OutboxTable {
    /**
     * First half of the relay's advisory-lock key, a space of Berth's own ("BRTH"); the second half is the outbox
     * table's oid, so that the relays of one service share a lock and services in other schemas do not.
     */
    private static final int LOCK_SPACE = 0x4252_5448;

    /** Whether this run may publish, and when the oldest waiting event was written (null: none waits). */
    record Turn(boolean ours, Instant oldest) {
    }

    private OutboxTable() {
    }

    /**
     * Takes the relay's lock until the transaction ends, unless another relay holds it; a transaction-scoped lock
     * is released by commit, rollback and a lost connection alike, so a crashed relay never keeps it.
     */
    static Uni<Turn> takeTurn(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1, 'outbox'::regclass::oid::int) AS ours,"
                        + " (SELECT created_at FROM outbox ORDER BY seq LIMIT 1) AS oldest")
                .execute(Tuple.of(LOCK_SPACE))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime oldest = row.getOffsetDateTime("oldest");
                    return new Turn(row.getBoolean("ours"), oldest == null ? null : oldest.toInstant());
                });
    }

    /** The oldest rows, in the order they must reach Kafka. */
    static Uni<List<OutboxRow>> oldest(SqlConnection connection, int limit) {
        return connection.preparedQuery("SELECT seq, event_id, topic, message_key, payload FROM outbox ORDER BY seq LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<OutboxRow> batch = new ArrayList<>();
                    rows.forEach(row -> batch.add(new OutboxRow(row.getLong("seq"), row.getString("event_id"),
                            row.getString("topic"), row.getString("message_key"), row.getBuffer("payload").getBytes())));
                    return batch;
                });
    }

    /** Deletes the rows Kafka acknowledged, and moves the rows it refused for good to the dead-letter table. */
    static Uni<Void> settle(SqlConnection connection, List<Delivery> deliveries) {
        List<Long> done = new ArrayList<>();
        List<Long> setAside = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            switch (delivery.outcome()) {
                case PUBLISHED -> done.add(delivery.row().seq());
                case SET_ASIDE -> {
                    done.add(delivery.row().seq());
                    setAside.add(delivery.row().seq());
                    reasons.add(delivery.reason());
                }
                case KEPT -> {
                }
            }
        }
        Uni<Void> moved = setAside.isEmpty() ? Uni.createFrom().voidItem() : connection
                .preparedQuery("INSERT INTO outbox_dead_letter"
                        + " (seq, event_id, topic, message_key, payload, created_at, reason, set_aside_at)"
                        + " SELECT o.seq, o.event_id, o.topic, o.message_key, o.payload, o.created_at, r.reason, now()"
                        + " FROM outbox o JOIN unnest($1::bigint[], $2::text[]) AS r (seq, reason) ON r.seq = o.seq")
                .execute(Tuple.of(setAside.toArray(Long[]::new), reasons.toArray(String[]::new)))
                .replaceWithVoid();
        return done.isEmpty() ? moved : moved.chain(() -> connection
                .preparedQuery("DELETE FROM outbox WHERE seq = ANY($1)")
                .execute(Tuple.of(done.toArray(Long[]::new)))
                .replaceWithVoid());
    }
}
