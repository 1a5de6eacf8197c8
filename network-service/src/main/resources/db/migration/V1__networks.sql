-- Networks of every tenant, the predefined bridge, host and none included (made on the tenant's first call).
-- A name is unique within its tenant, as in one Docker engine; the 64-hex id is unique everywhere.
-- IPAM, options and labels are JSON text, like container-service's config_json.
CREATE TABLE network (
    id           varchar(64)  PRIMARY KEY,
    tenant       varchar(63)  NOT NULL,
    name         varchar(255) NOT NULL,
    driver       varchar(64)  NOT NULL,
    scope        varchar(16)  NOT NULL,
    internal     boolean      NOT NULL DEFAULT false,
    attachable   boolean      NOT NULL DEFAULT false,
    enable_ipv4  boolean      NOT NULL DEFAULT true,
    enable_ipv6  boolean      NOT NULL DEFAULT false,
    ipam_json    text         NOT NULL,
    options_json text         NOT NULL DEFAULT '{}',
    labels_json  text         NOT NULL DEFAULT '{}',
    created_at   timestamptz  NOT NULL,
    CONSTRAINT network_name_unique UNIQUE (tenant, name)
);
