-- Berth's own OCI registry (the distribution API the gateway serves on 127.0.0.1:5000): each tenant's repositories,
-- a namespace apart from its local images (pushing copies rows, never bytes; removing a local image leaves the
-- registry as it was). A repository exists while it holds a manifest, a tag or a blob link.

-- Manifests as pushed, exact bytes. subject/artifact_type/annotations feed the referrers API.
CREATE TABLE registry_manifest (
    tenant        varchar(63)  NOT NULL,
    repository    varchar(255) NOT NULL,
    digest        varchar(71)  NOT NULL,
    media_type    varchar(255) NOT NULL,
    content       bytea        NOT NULL,
    subject       varchar(71),
    artifact_type varchar(255),
    annotations   text,
    pushed_at     timestamptz  NOT NULL,
    CONSTRAINT registry_manifest_pk PRIMARY KEY (tenant, repository, digest)
);
CREATE INDEX registry_manifest_subject ON registry_manifest (tenant, repository, subject);

-- Tags; deleting a manifest deletes the tags that name it, as the distribution spec's content management says.
CREATE TABLE registry_tag (
    tenant     varchar(63)  NOT NULL,
    repository varchar(255) NOT NULL,
    tag        varchar(128) NOT NULL,
    digest     varchar(71)  NOT NULL,
    tagged_at  timestamptz  NOT NULL,
    CONSTRAINT registry_tag_pk PRIMARY KEY (tenant, repository, tag),
    CONSTRAINT registry_tag_manifest_fk FOREIGN KEY (tenant, repository, digest)
        REFERENCES registry_manifest (tenant, repository, digest) ON DELETE CASCADE
);

-- Blob links: a blob (bytes in the shared blob store) is readable through a repository only while linked to it
-- (uploaded, mounted, or pushed there); a manifest may name only linked blobs.
CREATE TABLE registry_blob (
    tenant     varchar(63)  NOT NULL,
    repository varchar(255) NOT NULL,
    digest     varchar(71)  NOT NULL,
    size       bigint       NOT NULL,
    linked_at  timestamptz  NOT NULL,
    CONSTRAINT registry_blob_pk PRIMARY KEY (tenant, repository, digest)
);
CREATE INDEX registry_blob_digest ON registry_blob (digest);

-- Upload sessions; the bytes so far are in <blob root>/uploads/<id>.
CREATE TABLE registry_upload (
    id         varchar(36)  NOT NULL,
    tenant     varchar(63)  NOT NULL,
    repository varchar(255) NOT NULL,
    started_at timestamptz  NOT NULL,
    CONSTRAINT registry_upload_pk PRIMARY KEY (id)
);
