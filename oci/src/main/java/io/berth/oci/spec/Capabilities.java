package io.berth.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The process's capability sets by name ({@code CAP_CHOWN}); the sets Berth does not write stay empty.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#linux-process">OCI config, Linux process</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {
    public Capabilities {
        bounding = Lists.copy(bounding);
        effective = Lists.copy(effective);
        permitted = Lists.copy(permitted);
    }

    /** The same set bounding, effective and permitted, as Docker grants a container that is not privileged. */
    public static Capabilities of(List<String> names) {
        return new Capabilities(names, names, names);
    }
}
