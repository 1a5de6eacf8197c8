-- Volumes of every tenant; a name is unique within its tenant, as in one Docker engine.
-- Labels and options are the JSON objects the client gave (text, like container-service's config_json).
CREATE TABLE volume (
    id           bigserial     PRIMARY KEY,
    tenant       varchar(63)   NOT NULL,
    name         varchar(255)  NOT NULL,
    driver       varchar(64)   NOT NULL,
    mountpoint   text          NOT NULL,
    labels_json  text          NOT NULL DEFAULT '{}',
    options_json text          NOT NULL DEFAULT '{}',
    created_at   timestamptz   NOT NULL,
    CONSTRAINT volume_name_unique UNIQUE (tenant, name)
);
