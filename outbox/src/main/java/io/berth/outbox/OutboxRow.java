package io.berth.outbox;

/** One event of the outbox as the relay reads it: its place in the order, and the Kafka record it becomes. */
record OutboxRow(long seq, String eventId, String topic, String key, byte[] payload) {
}
