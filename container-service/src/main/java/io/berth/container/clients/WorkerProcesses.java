package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The worker's answer to {@code top}: Docker's {@code ContainerTopOKBody} as the node's ps gave it. */
public record WorkerProcesses(@JsonProperty("Titles") List<String> titles,
        @JsonProperty("Processes") List<List<String>> processes) {
}
