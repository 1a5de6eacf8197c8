package io.berth.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The container's cgroup limits; only memory so far (Docker's {@code --memory} comes with issue 9).
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config-linux.md#control-groups">OCI config, control groups</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resources(Memory memory) {
    /** Memory limits in bytes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long limit) {
    }
}
