package io.berth.worker.runtime;

import io.berth.oci.spec.Rlimit;
import io.berth.oci.spec.Spec;
import java.util.Map;

/**
 * Lowers the spec's {@code process.rlimits} to the node's hard limits: even root cannot raise a hard limit above its
 * own (setrlimit(2) with a higher hard limit needs CAP_SYS_RESOURCE within the limits of the namespace), and the
 * runtime then fails the start with EPERM.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#posix-process">OCI POSIX process</a>
 */
public final class Rlimits {
    private Rlimits() {
    }

    /** The spec with each rlimit clamped; {@code hard} maps RLIMIT names to the node's hard limit (absent: unlimited). */
    public static Spec clamp(Spec spec, Map<String, Long> hard) {
        if (spec.process() == null || spec.process().rlimits() == null) {
            return spec;
        }
        return spec.updateProcess(process -> process.withRlimits(process.rlimits().stream()
                .map(limit -> clamp(limit, hard.get(limit.type())))
                .toList()));
    }

    private static Rlimit clamp(Rlimit limit, Long max) {
        if (max == null) {
            return limit;
        }
        // OCI rlimits are uint64 (RLIM_INFINITY is 2^64-1), so compare unsigned.
        long hard = unsignedMin(limit.hard(), max);
        return new Rlimit(limit.type(), hard, unsignedMin(limit.soft(), hard));
    }

    private static long unsignedMin(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
