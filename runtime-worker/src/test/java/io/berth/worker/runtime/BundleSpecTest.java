package io.berth.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.oci.spec.Linux;
import io.berth.oci.spec.Namespace;
import io.berth.oci.spec.Process;
import io.berth.oci.spec.Rlimit;
import io.berth.oci.spec.Root;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's completion of container-service's spec, against the golden files. */
class BundleSpecTest {
    private static final String ID = "4c1f3e2a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e";

    /** container-service's spec for busybox {@code echo hi} becomes the config.json the ObjectNode code wrote. */
    @Test
    void completesTheGoldenSpecIntoTheGoldenConfigByteForByte() throws IOException {
        Spec sent = SpecJson.read(golden("spec.json"));
        Spec bundle = BundleSpec.complete(sent, Path.of("/var/lib/berth/containers/" + ID + "/merged"), ID,
                Map.of("RLIMIT_NOFILE", 524288L));
        assertThat(new String(SpecJson.write(bundle), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden("config.json"), StandardCharsets.UTF_8));
    }

    @Test
    void bundleGetsRootCgroupPathAndClampedLimitsWithoutTouchingTheInput() {
        Spec spec = Spec.empty()
                .withProcess(Process.empty().withArgs(List.of("sh"))
                        .withRlimits(List.of(new Rlimit("RLIMIT_NOFILE", 1048576, 1024))))
                .withLinux(Linux.empty().withNamespaces(List.of(new Namespace("pid"))));
        Spec bundle = BundleSpec.complete(spec, Path.of("/s/containers/abc/merged"), "abc",
                Map.of("RLIMIT_NOFILE", 20000L));
        assertThat(bundle.root()).isEqualTo(new Root("/s/containers/abc/merged", false));
        assertThat(bundle.linux().cgroupsPath()).isEqualTo("/berth/abc");
        assertThat(bundle.linux().namespaces()).containsExactly(new Namespace("pid"));
        assertThat(bundle.process().rlimits()).containsExactly(new Rlimit("RLIMIT_NOFILE", 20000, 1024));
        assertThat(spec.root()).isNull();
        assertThat(spec.linux().cgroupsPath()).isNull();
    }

    @Test
    void aSpecWithoutLinuxGetsOneForTheCgroupPath() {
        Spec bundle = BundleSpec.complete(Spec.empty().withProcess(Process.empty()), Path.of("/r"), "abc", Map.of());
        assertThat(bundle.linux()).isEqualTo(Linux.empty().withCgroupsPath("/berth/abc"));
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = BundleSpecTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }
}
