-- Which containers use which image, learnt from berth.containers (create, start, die, destroy): rmi's in-use guard
-- and the Containers count of docker images. running says whether its last event was a start.
CREATE TABLE image_user (
    tenant       varchar(63) NOT NULL,
    container_id varchar(64) NOT NULL,
    image_id     varchar(71) NOT NULL,
    running      boolean     NOT NULL,
    CONSTRAINT image_user_pk PRIMARY KEY (tenant, container_id)
);
CREATE INDEX image_user_image ON image_user (tenant, image_id);

-- The layers of each image, bottom first: the blob, its diff id, and its size unpacked (history, Size, and which
-- blobs an image still needs when another is removed).
CREATE TABLE image_layer (
    tenant   varchar(63) NOT NULL,
    image_id varchar(71) NOT NULL,
    position integer     NOT NULL,
    digest   varchar(71) NOT NULL,
    diff_id  varchar(71) NOT NULL,
    size     bigint      NOT NULL,
    CONSTRAINT image_layer_pk PRIMARY KEY (tenant, image_id, position),
    CONSTRAINT image_layer_image_fk FOREIGN KEY (tenant, image_id) REFERENCES image (tenant, id) ON DELETE CASCADE
);
CREATE INDEX image_layer_digest ON image_layer (digest);

-- Images made before this table (the busybox seed: one layer, whose size is the image's).
INSERT INTO image_layer (tenant, image_id, position, digest, diff_id, size)
SELECT i.tenant, i.id, (l.ord - 1)::integer, l.layer ->> 'digest',
       (i.config_json::jsonb) -> 'rootfs' -> 'diff_ids' ->> (l.ord - 1)::integer,
       CASE WHEN jsonb_array_length(convert_from(i.manifest, 'UTF8')::jsonb -> 'layers') = 1 THEN i.size ELSE 0 END
FROM image i, jsonb_array_elements(convert_from(i.manifest, 'UTF8')::jsonb -> 'layers') WITH ORDINALITY AS l(layer, ord);

-- A removed image's tags go with it.
ALTER TABLE tag DROP CONSTRAINT tag_image_fk;
ALTER TABLE tag ADD CONSTRAINT tag_image_fk FOREIGN KEY (tenant, image_id) REFERENCES image (tenant, id) ON DELETE CASCADE;
