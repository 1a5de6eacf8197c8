package io.berth.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One filesystem mounted into the container at {@code destination}.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#mounts">OCI config, mounts</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mount(String destination, String type, String source, List<String> options) {
    public Mount {
        if (destination == null || !destination.startsWith("/")) {
            throw new IllegalArgumentException("a mount destination is an absolute path: " + destination);
        }
        options = Lists.copy(options);
    }
}
