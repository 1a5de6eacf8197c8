package io.berth.worker.execs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the node keeps of an exec session beside conmon's files: its tenant, the container it runs in, and whether it
 * has a terminal. Written before conmon starts, so a session dir without it is half made.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecSession(String tenant, String container, boolean terminal) {
}
