package io.berth.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.oci.spec.Process;
import io.berth.oci.spec.Rlimit;
import io.berth.oci.spec.Spec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RlimitsTest {
    private static final String PROC_LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units    \s
            Max cpu time              unlimited            unlimited            seconds  \s
            Max processes             63704                63704                processes\s
            Max open files            1024                 20000                files    \s
            Max locked memory         8388608              8388608              bytes    \s
            """;

    @Test
    void readsHardLimitsAndSkipsUnlimited() {
        assertThat(NodeLimits.parseHard(PROC_LIMITS)).containsExactly(Map.entry("RLIMIT_NPROC", 63704L),
                Map.entry("RLIMIT_NOFILE", 20000L), Map.entry("RLIMIT_MEMLOCK", 8388608L));
    }

    @Test
    void clampsAboveTheNodesHardLimitAndKeepsSoftBelowHard() {
        Spec spec = withRlimits(
                new Rlimit("RLIMIT_NOFILE", 1048576, 1048576),
                new Rlimit("RLIMIT_NPROC", 100, 50),
                new Rlimit("RLIMIT_CORE", Rlimit.UNLIMITED, 0),
                new Rlimit("RLIMIT_STACK", Rlimit.UNLIMITED, 8388608));
        Spec clamped = Rlimits.clamp(spec, Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 63704L,
                "RLIMIT_CORE", 4096L, "RLIMIT_STACK", 4096L));
        assertThat(clamped.process().rlimits()).containsExactly(
                new Rlimit("RLIMIT_NOFILE", 20000, 20000),
                new Rlimit("RLIMIT_NPROC", 100, 50),
                new Rlimit("RLIMIT_CORE", 4096, 0),
                new Rlimit("RLIMIT_STACK", 4096, 4096));
        assertThat(spec.process().rlimits().getFirst().hard()).isEqualTo(1048576);
    }

    @Test
    void leavesWhatTheNodeDoesNotLimitAndASpecWithoutRlimits() {
        Spec spec = withRlimits(new Rlimit("RLIMIT_NOFILE", Rlimit.UNLIMITED, Rlimit.UNLIMITED));
        assertThat(Rlimits.clamp(spec, Map.of("RLIMIT_NPROC", 10L))).isEqualTo(spec);
        Spec none = Spec.empty().withProcess(Process.empty().withArgs(List.of("true")));
        assertThat(Rlimits.clamp(none, Map.of("RLIMIT_NOFILE", 10L))).isEqualTo(none);
        assertThat(Rlimits.clamp(Spec.empty(), Map.of("RLIMIT_NOFILE", 10L))).isEqualTo(Spec.empty());
    }

    private static Spec withRlimits(Rlimit... rlimits) {
        return Spec.empty().withProcess(Process.empty().withArgs(List.of("sh")).withRlimits(List.of(rlimits)));
    }
}
