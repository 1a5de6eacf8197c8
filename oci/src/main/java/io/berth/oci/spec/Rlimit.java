package io.berth.oci.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One resource limit ({@code RLIMIT_NOFILE}). {@code hard} and {@code soft} are uint64 in the spec, so they are held
 * as unsigned longs: compare them with {@link Long#compareUnsigned}; {@link #UNLIMITED} is RLIM_INFINITY.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#posix-process">OCI POSIX process, rlimits</a>
 */
public record Rlimit(String type,
        @JsonSerialize(using = Uint64.Writer.class) @JsonDeserialize(using = Uint64.Reader.class) long hard,
        @JsonSerialize(using = Uint64.Writer.class) @JsonDeserialize(using = Uint64.Reader.class) long soft) {
    /** RLIM_INFINITY, 2^64-1 as an unsigned long. */
    public static final long UNLIMITED = -1L;

    public Rlimit {
        if (type == null || !type.startsWith("RLIMIT_")) {
            throw new IllegalArgumentException("an rlimit type is RLIMIT_<name>: " + type);
        }
    }
}
