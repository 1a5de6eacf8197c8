package io.berth.oci.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The records against golden files written by the ObjectNode code they replace, for a busybox {@code echo hi}:
 * {@code spec.json} as container-service sends it, {@code config.json} as the worker completes it.
 */
class SpecJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"spec.json", "config.json"})
    void aGoldenSpecSurvivesARoundTripByteForByte(String name) throws IOException {
        byte[] golden = golden(name);
        byte[] written = SpecJson.write(SpecJson.read(golden));
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(golden, StandardCharsets.UTF_8));
        assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(golden));
    }

    @Test
    void readsEveryPartItWrites() throws IOException {
        Spec spec = SpecJson.read(golden("config.json"));
        assertThat(spec.ociVersion()).isEqualTo(Spec.VERSION);
        assertThat(spec.process().args()).containsExactly("echo", "hi");
        assertThat(spec.process().user()).isEqualTo(new User(0, 0));
        assertThat(spec.process().capabilities().bounding()).contains("CAP_CHOWN").hasSize(14);
        assertThat(spec.process().rlimits()).containsExactly(new Rlimit("RLIMIT_NOFILE", 524288, 524288));
        assertThat(spec.mounts()).extracting(Mount::destination).startsWith("/proc", "/dev");
        assertThat(spec.linux().namespaces()).contains(new Namespace("network"));
        assertThat(spec.linux().cgroupsPath()).startsWith("/berth/");
        assertThat(spec.root().readonly()).isFalse();
        assertThat(SpecJson.read(golden("spec.json")).root()).isNull();
    }

    @Test
    void leavesOutWhatIsAbsent() {
        assertThat(new String(SpecJson.write(Spec.empty()), StandardCharsets.UTF_8))
                .isEqualTo("{\n  \"ociVersion\" : \"1.0.2\"\n}");
        Spec spec = Spec.empty().updateProcess(p -> p.withArgs(List.of("true")));
        assertThat(new String(SpecJson.write(spec), StandardCharsets.UTF_8)).doesNotContain("null")
                .contains("\"terminal\" : false", "\"args\" : [ \"true\" ]");
    }

    @Test
    void refusesAFieldItDoesNotModelInsteadOfDroppingIt() {
        assertThatThrownBy(() -> SpecJson.read("""
                {"ociVersion": "1.0.2", "process": {"args": ["true"], "noNewPrivileges": true}}"""
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noNewPrivileges");
    }

    @Test
    void rlimitsAreUint64() {
        String unlimited = """
                {"process":{"terminal":false,"rlimits":[{"type":"RLIMIT_CORE","hard":18446744073709551615,"soft":0}]}}""";
        Spec spec = SpecJson.read(unlimited.getBytes(StandardCharsets.UTF_8));
        assertThat(spec.process().rlimits().getFirst().hard()).isEqualTo(Rlimit.UNLIMITED);
        assertThat(new String(SpecJson.write(spec), StandardCharsets.UTF_8)).contains("\"hard\" : 18446744073709551615");
        for (String bad : List.of("18446744073709551616", "-1", "1.5", "\"1\"")) {
            assertThatThrownBy(() -> SpecJson.read(unlimited.replace("18446744073709551615", bad)
                    .getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void copiesChangeOnlyTheCopy() {
        Spec before = Spec.empty().withHostname("a").updateLinux(l -> l.withCgroupsPath("/x"));
        Spec after = before.withHostname("b").updateLinux(l -> l.withNamespaces(List.of(new Namespace("pid"))))
                .withRoot(new Root("/r", false));
        assertThat(before).isEqualTo(Spec.empty().withHostname("a").withLinux(Linux.empty().withCgroupsPath("/x")));
        assertThat(after.hostname()).isEqualTo("b");
        assertThat(after.linux()).isEqualTo(new Linux(List.of(new Namespace("pid")), null, null, "/x", null));
    }

    @Test
    void refusesWhatTheSpecDoesNotAllow() {
        assertThatThrownBy(() -> new Namespace("net")).hasMessageContaining("unknown namespace type net");
        assertThatThrownBy(() -> new Mount("proc", "proc", "proc", List.of())).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new Rlimit("NOFILE", 1, 1)).hasMessageContaining("RLIMIT_<name>");
        assertThatThrownBy(() -> new User(-1, 0)).hasMessageContaining("uid and gid");
        assertThatThrownBy(() -> new User(0, 1L << 32)).hasMessageContaining("uid and gid");
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = SpecJsonTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }
}
