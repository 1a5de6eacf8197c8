package io.berth.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RlimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void clampsAboveTheNodesHardLimitAndKeepsSoftBelowHard() throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"process": {"rlimits": [
                  {"type": "RLIMIT_NOFILE", "hard": 1048576, "soft": 1048576},
                  {"type": "RLIMIT_NPROC", "hard": 100, "soft": 50},
                  {"type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 0}
                ]}}""");
        Rlimits.clamp(spec, Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 63704L, "RLIMIT_CORE", 4096L));
        assertThat(spec.at("/process/rlimits/0").toString()).isEqualTo(
                "{\"type\":\"RLIMIT_NOFILE\",\"hard\":20000,\"soft\":20000}");
        assertThat(spec.at("/process/rlimits/1").toString()).isEqualTo(
                "{\"type\":\"RLIMIT_NPROC\",\"hard\":100,\"soft\":50}");
        assertThat(spec.at("/process/rlimits/2").toString()).isEqualTo(
                "{\"type\":\"RLIMIT_CORE\",\"hard\":4096,\"soft\":0}");
    }

    @Test
    void bundleGetsRootCgroupPathAndClampedLimitsWithoutTouchingTheInput() throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"process": {"args": ["sh"], "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1048576, "soft": 1024}]},
                 "linux": {"namespaces": [{"type": "pid"}]}}""");
        ObjectNode bundle = BundleSpec.complete(spec, Path.of("/s/containers/abc/merged"), "abc",
                Map.of("RLIMIT_NOFILE", 20000L));
        assertThat(bundle.at("/root/path").asText()).isEqualTo("/s/containers/abc/merged");
        assertThat(bundle.at("/root/readonly").asBoolean()).isFalse();
        assertThat(bundle.at("/linux/cgroupsPath").asText()).isEqualTo("/berth/abc");
        assertThat(bundle.at("/linux/namespaces/0/type").asText()).isEqualTo("pid");
        assertThat(bundle.at("/process/rlimits/0/hard").asLong()).isEqualTo(20000);
        assertThat(bundle.at("/process/rlimits/0/soft").asLong()).isEqualTo(1024);
        assertThat(spec.has("root")).isFalse();
    }
}
