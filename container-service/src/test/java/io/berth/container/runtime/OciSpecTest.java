package io.berth.container.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciSpecTest {
    private final ObjectNode spec = OciSpec.of(new ProcessSettings(List.of("sh", "-c", "echo hi"),
            List.of("PATH=/bin", "HOSTNAME=abc"), "/srv", "abc", false, 0, 0));

    @Test
    void carriesTheProcessAsMerged() {
        JsonNode process = spec.get("process");
        assertThat(texts(process.get("args"))).containsExactly("sh", "-c", "echo hi");
        assertThat(texts(process.get("env"))).containsExactly("PATH=/bin", "HOSTNAME=abc");
        assertThat(process.get("cwd").asText()).isEqualTo("/srv");
        assertThat(process.get("terminal").asBoolean()).isFalse();
        assertThat(spec.get("hostname").asText()).isEqualTo("abc");
        assertThat(spec.get("ociVersion").asText()).isEqualTo("1.0.2");
    }

    @Test
    void leavesRootToTheWorker() {
        assertThat(spec.has("root")).isFalse();
    }

    @Test
    void isolatesLikeDockerDoes() {
        assertThat(texts(spec.get("process").get("capabilities").get("bounding"))).containsExactlyElementsOf(OciSpec.DEFAULT_CAPABILITIES);
        List<String> namespaces = new ArrayList<>();
        spec.get("linux").get("namespaces").forEach(ns -> namespaces.add(ns.get("type").asText()));
        assertThat(namespaces).containsExactly("pid", "ipc", "uts", "mount", "network");
        List<String> destinations = new ArrayList<>();
        spec.get("mounts").forEach(m -> destinations.add(m.get("destination").asText()));
        assertThat(destinations).contains("/proc", "/dev", "/dev/pts", "/sys", "/dev/shm");
        assertThat(texts(spec.get("linux").get("maskedPaths"))).contains("/proc/kcore");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
