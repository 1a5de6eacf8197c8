package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The part of Docker's ImageInspect that container-service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageInspectView(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Config") Config config) {

    /** The image's run defaults. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("User") String user,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal) {
    }
}
