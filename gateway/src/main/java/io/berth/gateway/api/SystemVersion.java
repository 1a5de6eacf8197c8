package io.berth.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code SystemVersion}, the answer of {@code GET /version} (docker-engine-api-v1.47.yaml
 * {@code SystemVersion}). docker-py takes {@code ApiVersion} from here for every later call.
 */
record SystemVersion(
        @JsonProperty("Platform") Platform platform,
        @JsonProperty("Components") List<Component> components,
        @JsonProperty("Version") String version,
        @JsonProperty("ApiVersion") String apiVersion,
        @JsonProperty("MinAPIVersion") String minApiVersion,
        @JsonProperty("GitCommit") String gitCommit,
        @JsonProperty("GoVersion") String goVersion,
        @JsonProperty("Os") String os,
        @JsonProperty("Arch") String arch,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("Experimental") boolean experimental,
        @JsonProperty("BuildTime") String buildTime) {

    /** The product that answers. */
    record Platform(@JsonProperty("Name") String name) {
    }

    /** One part of the server, with free-form details. */
    record Component(@JsonProperty("Name") String name, @JsonProperty("Version") String version,
            @JsonProperty("Details") Map<String, String> details) {
    }
}
