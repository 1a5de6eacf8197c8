-- Containers of every tenant; a name is unique within its tenant, as in one Docker engine.
CREATE TABLE container (
    id               varchar(64)  PRIMARY KEY,
    tenant           varchar(63)  NOT NULL,
    name             varchar(255) NOT NULL,
    image            text         NOT NULL,
    image_id         varchar(71)  NOT NULL,
    config_json      text         NOT NULL,
    host_config_json text         NOT NULL,
    command_json     text         NOT NULL,
    state            varchar(16)  NOT NULL,
    exit_code        integer      NOT NULL DEFAULT 0,
    pid              integer      NOT NULL DEFAULT 0,
    run              bigint       NOT NULL DEFAULT 0,
    error            text         NOT NULL DEFAULT '',
    auto_remove      boolean      NOT NULL,
    node             varchar(255) NOT NULL,
    created_at       timestamptz  NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    CONSTRAINT container_name_unique UNIQUE (tenant, name)
);

-- Events waiting for the relay (io.berth.outbox.OutboxRelay), written with the change they announce.
CREATE TABLE outbox (
    seq         bigserial    PRIMARY KEY,
    event_id    varchar(128) NOT NULL,
    topic       varchar(255) NOT NULL,
    message_key varchar(255) NOT NULL,
    payload     bytea        NOT NULL,
    created_at  timestamptz  NOT NULL
);

-- Ids of the events this service applied (io.berth.outbox.AppliedEvents), so a redelivery changes nothing.
CREATE TABLE applied_event (
    event_id   varchar(128) PRIMARY KEY,
    applied_at timestamptz  NOT NULL
);
