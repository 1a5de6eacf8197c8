-- Exec sessions (docker exec): what the create asked for, where the session is, and how it ended. A container's
-- sessions go with it. Numbered apart from other issues' migrations (issue 9).
CREATE TABLE exec_session (
    id           varchar(64) PRIMARY KEY,
    tenant       varchar(63) NOT NULL,
    container_id varchar(64) NOT NULL REFERENCES container (id) ON DELETE CASCADE,
    config_json  text        NOT NULL,
    state        varchar(16) NOT NULL,
    exit_code    integer,
    pid          integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL
);

CREATE INDEX exec_session_container ON exec_session (container_id);
