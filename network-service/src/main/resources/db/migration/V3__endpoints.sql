-- A container's endpoint on a network while it runs: its address, MAC and DNS aliases there. Made when
-- container-service starts the container (or connects it while it runs), removed when the container's run ends, it
-- is disconnected, or it is removed. An address is held by one endpoint of its network at a time.
CREATE TABLE endpoint (
    id             varchar(64)   PRIMARY KEY,
    network_id     varchar(64)   NOT NULL REFERENCES network (id),
    container_id   varchar(64)   NOT NULL,
    tenant         varchar(63)   NOT NULL,
    node           varchar(255)  NOT NULL,
    container_name varchar(1024) NOT NULL,
    run            bigint        NOT NULL,
    ipv4           varchar(15)   NOT NULL,
    mac            varchar(17)   NOT NULL,
    aliases_json   text          NOT NULL DEFAULT '[]',
    created_at     timestamptz   NOT NULL,
    CONSTRAINT endpoint_container_unique UNIQUE (network_id, container_id),
    CONSTRAINT endpoint_address_unique UNIQUE (network_id, ipv4)
);
CREATE INDEX endpoint_container ON endpoint (container_id);

-- A host port published to a container's port while it runs. Ports belong to the node, so a port is held once
-- across tenants; host_ip '' stands for every address (0.0.0.0), which also holds the port on each single address.
CREATE TABLE port_binding (
    node           varchar(255) NOT NULL,
    protocol       varchar(4)   NOT NULL,
    host_ip        varchar(64)  NOT NULL,
    host_port      integer      NOT NULL,
    container_id   varchar(64)  NOT NULL,
    tenant         varchar(63)  NOT NULL,
    container_port integer      NOT NULL,
    run            bigint       NOT NULL,
    PRIMARY KEY (node, protocol, host_ip, host_port)
);
CREATE INDEX port_binding_container ON port_binding (container_id);
