-- The tables io.berth.outbox needs, in the schema of the service that uses it. A service adds
-- classpath:db/outbox to quarkus.flyway.locations; Flyway runs this after the service's own migrations.
-- Repeatable: Flyway runs it again whenever it changes, so every statement here must be safe to repeat
-- (IF NOT EXISTS; a new column is ADD COLUMN IF NOT EXISTS). container-service's V1 made the first two
-- tables before they lived here, with the same definitions.

-- Events waiting for the relay (OutboxRelay), written in the transaction of the change they announce.
CREATE TABLE IF NOT EXISTS outbox (
    seq         bigserial    PRIMARY KEY,
    event_id    varchar(128) NOT NULL,
    topic       varchar(255) NOT NULL,
    message_key varchar(255) NOT NULL,
    payload     bytea        NOT NULL,
    created_at  timestamptz  NOT NULL
);

-- Ids of the events this service applied (AppliedEvents), so that a redelivery changes nothing.
CREATE TABLE IF NOT EXISTS applied_event (
    event_id   varchar(128) PRIMARY KEY,
    applied_at timestamptz  NOT NULL
);

-- Events Kafka refused for good (too large, invalid), set aside by the relay with the reason so that they
-- never block the events behind them. Moved here from outbox in one transaction; seq is the outbox's.
CREATE TABLE IF NOT EXISTS outbox_dead_letter (
    seq          bigint       PRIMARY KEY,
    event_id     varchar(128) NOT NULL,
    topic        varchar(255) NOT NULL,
    message_key  varchar(255) NOT NULL,
    payload      bytea        NOT NULL,
    created_at   timestamptz  NOT NULL,
    reason       text         NOT NULL,
    set_aside_at timestamptz  NOT NULL
);
