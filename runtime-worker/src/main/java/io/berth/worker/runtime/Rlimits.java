package io.berth.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** Clamps each rlimit in place; {@code hard} maps RLIMIT names to the node's hard limit (absent: unlimited). */
    public static void clamp(ObjectNode spec, Map<String, Long> hard) {
        JsonNode rlimits = spec.path("process").path("rlimits");
        if (!rlimits.isArray()) {
            return;
        }
        for (JsonNode node : rlimits) {
            if (!(node instanceof ObjectNode limit)) {
                continue;
            }
            Long max = hard.get(limit.path("type").asText());
            if (max == null) {
                continue;
            }
            // OCI rlimits are uint64; Jackson reads values above Long.MAX_VALUE as BigInteger, i.e. "unlimited".
            long wantedHard = clampTo(limit.path("hard"), max);
            long wantedSoft = Math.min(clampTo(limit.path("soft"), max), wantedHard);
            limit.put("hard", wantedHard);
            limit.put("soft", wantedSoft);
        }
    }

    private static long clampTo(JsonNode value, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            return max;
        }
        return Math.min(value.asLong(), max);
    }
}
