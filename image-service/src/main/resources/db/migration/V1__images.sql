-- Images of every tenant. The id is the config digest; the same image in two tenants is two rows, so neither
-- tenant ever sees the other's. The manifest bytes are kept exactly as served (also in the blob store).
CREATE TABLE image (
    tenant          varchar(63)  NOT NULL,
    id              varchar(71)  NOT NULL,
    manifest_digest varchar(71)  NOT NULL,
    media_type      varchar(255) NOT NULL,
    manifest        bytea        NOT NULL,
    config_json     text         NOT NULL,
    size            bigint       NOT NULL,
    created         timestamptz  NOT NULL,
    added_at        timestamptz  NOT NULL,
    CONSTRAINT image_pk PRIMARY KEY (tenant, id)
);
CREATE INDEX image_manifest_digest ON image (tenant, manifest_digest);

-- Tags: repository (Docker's familiar name, e.g. busybox, localhost:5000/x) and tag name an image of the tenant.
CREATE TABLE tag (
    tenant     varchar(63)  NOT NULL,
    repository varchar(255) NOT NULL,
    tag        varchar(128) NOT NULL,
    image_id   varchar(71)  NOT NULL,
    tagged_at  timestamptz  NOT NULL,
    CONSTRAINT tag_pk PRIMARY KEY (tenant, repository, tag),
    CONSTRAINT tag_image_fk FOREIGN KEY (tenant, image_id) REFERENCES image (tenant, id)
);
CREATE INDEX tag_image ON tag (tenant, image_id);
