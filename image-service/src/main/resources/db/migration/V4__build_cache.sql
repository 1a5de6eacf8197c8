-- The classic builder's step cache: what a build step made, keyed by the content address of the step (the tenant, the
-- parent image, the step's instruction and configuration; for COPY/ADD the checksum of what it copied: StepCacheKey).
-- The step's image lives here, not in image: intermediate images are the build's own (docker images does not list
-- them); the build's final image is added to image as well. Config and manifest bytes are in the blob store; layers
-- lists every layer digest of the image (bottom first) and layer_sizes their sizes unpacked, so the blob collector
-- keeps what a cached step still needs.
CREATE TABLE build_step (
    tenant          varchar(63)   NOT NULL,
    cache_key       varchar(71)   NOT NULL,
    image_id        varchar(71)   NOT NULL,
    manifest_digest varchar(71)   NOT NULL,
    layers          varchar(71)[] NOT NULL,
    layer_sizes     bigint[]      NOT NULL,
    size            bigint        NOT NULL,
    created_at      timestamptz   NOT NULL,
    CONSTRAINT build_step_pk PRIMARY KEY (tenant, cache_key)
);
CREATE INDEX build_step_image ON build_step (tenant, image_id);
