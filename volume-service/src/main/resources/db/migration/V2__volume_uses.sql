-- Which containers use which volume, at which destination: a row is made by the ensure call of the container's
-- create (before the container exists, so a volume cannot be removed under a create in flight), confirmed by the
-- container's create event, and deleted with its destroy event. A volume with a row is in use (Docker's refcount).
CREATE TABLE volume_use (
    id           bigserial    PRIMARY KEY,
    tenant       varchar(63)  NOT NULL,
    volume_id    bigint       NOT NULL REFERENCES volume (id),
    container_id varchar(64)  NOT NULL,
    destination  text         NOT NULL,
    read_write   boolean      NOT NULL,
    propagation  varchar(16)  NOT NULL DEFAULT '',
    confirmed    boolean      NOT NULL DEFAULT false,
    reserved_at  timestamptz  NOT NULL,
    CONSTRAINT volume_use_unique UNIQUE (volume_id, container_id, destination)
);
CREATE INDEX volume_use_container ON volume_use (tenant, container_id);
