package io.berth.outbox;

/** What became of one outbox row in a run of the relay; {@code reason} says why it was not published. */
record Delivery(OutboxRow row, Outcome outcome, String reason) {
    /** The three fates of a row. */
    enum Outcome {
        /** Kafka acknowledged it: the row is deleted. */
        PUBLISHED,
        /** Kafka refused it for good: the row moves to the dead-letter table. */
        SET_ASIDE,
        /** Not published this time (broker down, or behind such a row): the row stays for the next run. */
        KEPT
    }

    static Delivery published(OutboxRow row) {
        return new Delivery(row, Outcome.PUBLISHED, null);
    }

    static Delivery setAside(OutboxRow row, Throwable error) {
        return new Delivery(row, Outcome.SET_ASIDE, describe(error));
    }

    static Delivery kept(OutboxRow row, Throwable error) {
        return new Delivery(row, Outcome.KEPT, error == null ? "not sent: an event before it failed" : describe(error));
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
