package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One container on a worker's node, from its node-wide listing: id, tenant, name and last run. A directory whose
 * create never finished has no tenant, name or status.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerNodeContainer(String id, String tenant, String name, WorkerRunStatus status) {
}
