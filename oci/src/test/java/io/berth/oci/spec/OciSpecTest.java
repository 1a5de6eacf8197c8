package io.berth.oci.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciSpecTest {
    private static final String HOST = "4c1f3e2a9b8d";
    private static final ProcessSettings ECHO_HI = new ProcessSettings(List.of("echo", "hi"),
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=" + HOST), "/",
            HOST, false, 0, 0);
    /** A spec some earlier steps already filled, to show that each step changes only its own part. */
    private static final Spec FILLED = Spec.empty().withHostname("keep")
            .withProcess(new Process(true, new User(1, 2), List.of("sh"), List.of("A=1"), "/srv",
                    Capabilities.of(List.of("CAP_KILL")), List.of(new Rlimit("RLIMIT_CORE", 0, 0))))
            .withMounts(List.of(new Mount("/keep", "tmpfs", "tmpfs", List.of())))
            .withLinux(new Linux(List.of(new Namespace("pid")), List.of("/masked"), List.of("/ro"), null, null));

    /** The spec container-service sends for {@code docker run busybox echo hi}, as the ObjectNode code wrote it. */
    @Test
    void busyboxEchoHiIsTheGoldenSpecByteForByte() throws IOException {
        assertThat(new String(SpecJson.write(OciSpec.of(ECHO_HI)), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden("spec.json"), StandardCharsets.UTF_8));
    }

    @Test
    void leavesRootAndTheCgroupToTheWorker() {
        Spec spec = OciSpec.of(ECHO_HI);
        assertThat(spec.root()).isNull();
        assertThat(spec.linux().cgroupsPath()).isNull();
    }

    @Test
    void commonOptionsCarryTheProcessAsMerged() {
        ProcessSettings settings = new ProcessSettings(List.of("sh", "-c", "echo hi"), List.of("PATH=/bin",
                "HOSTNAME=abc"), "/work", "abc", true, 0, 0);
        Spec spec = OciSpec.withCommonOptions(settings).apply(FILLED);
        assertThat(spec.process().args()).containsExactly("sh", "-c", "echo hi");
        assertThat(spec.process().env()).containsExactly("PATH=/bin", "HOSTNAME=abc");
        assertThat(spec.process().cwd()).isEqualTo("/work");
        assertThat(spec.process().terminal()).isTrue();
        assertThat(spec.hostname()).isEqualTo("abc");
        assertThat(spec.process().withArgs(List.of("sh")).withEnv(List.of("A=1")).withCwd("/srv"))
                .isEqualTo(FILLED.process());
        assertThat(spec.withHostname("keep").withProcess(FILLED.process())).isEqualTo(FILLED);
    }

    @Test
    void userSetsOnlyTheUser() {
        Spec spec = OciSpec.withUser(1000, 100).apply(FILLED);
        assertThat(spec.process().user()).isEqualTo(new User(1000, 100));
        assertThat(spec.withProcess(spec.process().withUser(new User(1, 2)))).isEqualTo(FILLED);
        assertThat(OciSpec.withUser(0, 0).apply(Spec.empty()).process().user()).isEqualTo(new User(0, 0));
    }

    @Test
    void capabilitiesAreDockersDefaultsInEverySetWeWrite() {
        Spec spec = OciSpec.withCapabilities(OciSpec.DEFAULT_CAPABILITIES).apply(FILLED);
        Capabilities caps = spec.process().capabilities();
        assertThat(caps.bounding()).containsExactlyElementsOf(OciSpec.DEFAULT_CAPABILITIES)
                .contains("CAP_NET_BIND_SERVICE").doesNotContain("CAP_SYS_ADMIN");
        assertThat(caps.effective()).isEqualTo(caps.bounding());
        assertThat(caps.permitted()).isEqualTo(caps.bounding());
        assertThat(spec.process().args()).containsExactly("sh");
    }

    @Test
    void rlimitsAskForDockersOpenFilesLimit() {
        Spec spec = OciSpec.withRlimits(List.of(OciSpec.DEFAULT_NOFILE)).apply(FILLED);
        assertThat(spec.process().rlimits()).containsExactly(new Rlimit("RLIMIT_NOFILE", 1048576, 1048576));
        assertThat(spec.process().user()).isEqualTo(new User(1, 2));
    }

    @Test
    void mountsAreDockersDefaultFilesystems() {
        Spec spec = OciSpec.withMounts(OciSpec.DEFAULT_MOUNTS).apply(FILLED);
        assertThat(spec.mounts()).extracting(Mount::destination).containsExactly("/proc", "/dev", "/dev/pts", "/sys",
                "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm");
        assertThat(spec.mounts().get(3).options()).contains("ro");
        assertThat(spec.withMounts(FILLED.mounts())).isEqualTo(FILLED);
    }

    @Test
    void namespacesIsolateLikeDockerDoes() {
        Spec spec = OciSpec.withNamespaces(OciSpec.NAMESPACES).apply(FILLED);
        assertThat(spec.linux().namespaces()).extracting(Namespace::type)
                .containsExactly("pid", "ipc", "uts", "mount", "network");
        assertThat(spec.linux().maskedPaths()).containsExactly("/masked");
        assertThat(OciSpec.withNamespaces(OciSpec.NAMESPACES).apply(Spec.empty()).linux().namespaces()).hasSize(5);
    }

    @Test
    void maskedPathsHideWhatDockerHides() {
        Spec spec = OciSpec.withMaskedPaths(OciSpec.MASKED_PATHS).apply(FILLED);
        assertThat(spec.linux().maskedPaths()).contains("/proc/kcore", "/sys/firmware").hasSize(11);
        assertThat(spec.linux().readonlyPaths()).containsExactly("/ro");
    }

    @Test
    void readonlyPathsAreDockers() {
        Spec spec = OciSpec.withReadonlyPaths(OciSpec.READONLY_PATHS).apply(FILLED);
        assertThat(spec.linux().readonlyPaths()).containsExactly("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                "/proc/sysrq-trigger");
        assertThat(spec.linux().namespaces()).containsExactly(new Namespace("pid"));
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = OciSpecTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }
}
