package io.berth.container.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.container.mounts.MountParser;
import io.berth.container.mounts.MountPlan;
import io.berth.container.mounts.MountRequest;
import io.berth.container.mounts.MountSpec;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.OciSpec;
import io.berth.oci.spec.Spec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A container's mounts as OCI mounts, and their place among the default ones, as moby's WithMounts writes them. */
class UserMountsTest {
    @Test
    void bindsAndVolumesAreBindMountsWithDockersOptions() {
        assertThat(UserMounts.of(MountParser.bind("/srv:/srv:ro,rshared", null)).options()).containsExactly("rbind", "ro", "rshared");
        assertThat(UserMounts.of(MountParser.bind("v:/v", null).ofVolume("v", "local", "/data/v")))
                .isEqualTo(new Mount("/v", "bind", "/data/v", List.of("rbind", "rprivate")));
        assertThat(UserMounts.of(MountParser.mount(new MountSpec("bind", "/srv", "/s", true, null,
                new MountSpec.BindOptions(null, true, false, false, false), null, null), null)).options())
                .containsExactly("bind", "ro", "rprivate");
        assertThat(UserMounts.of(MountParser.mount(new MountSpec("bind", "/srv", "/s", true, null,
                new MountSpec.BindOptions(null, false, false, false, true), null, null), null)).options())
                .containsExactly("rbind", "rro", "rprivate");
    }

    @Test
    void tmpfsTakesDockersDefaultsWithItsOwnOptionsWinning() {
        assertThat(UserMounts.of(MountParser.tmpfs("/tmp", "")))
                .isEqualTo(new Mount("/tmp", "tmpfs", "tmpfs", List.of("noexec", "nosuid", "nodev", "rprivate")));
        assertThat(UserMounts.mergeTmpfs(List.of("noexec", "nosuid", "nodev", "rprivate", "size=1m", "exec", "size=2m", "ro")))
                .containsExactly("exec", "nosuid", "nodev", "rprivate", "size=2m", "ro");
    }

    @Test
    void userMountsReplaceDefaultsAtTheirDestinationAndParentsComeFirst() {
        MountPlan plan = MountPlan.of(new MountRequest(List.of("/srv/a:/srv/a", "/srv:/srv"), null, Map.of("/dev/shm", "size=1g"),
                null, null, false, null), List.of(), from -> List.of());

        Spec spec = OciSpec.withUserMounts(UserMounts.of(plan)).apply(Spec.empty().withMounts(OciSpec.DEFAULT_MOUNTS));

        List<String> destinations = spec.mounts().stream().map(Mount::destination).toList();
        assertThat(destinations).containsOnlyOnce("/dev/shm");
        assertThat(spec.mounts().stream().filter(m -> m.destination().equals("/dev/shm")).findFirst().orElseThrow().options())
                .contains("size=1g");
        assertThat(destinations.indexOf("/srv")).isLessThan(destinations.indexOf("/srv/a"));
        assertThat(destinations.indexOf("/dev")).isLessThan(destinations.indexOf("/dev/pts"));
        assertThat(OciSpec.withUserMounts(List.of()).apply(Spec.empty().withMounts(OciSpec.DEFAULT_MOUNTS)).mounts())
                .isEqualTo(OciSpec.DEFAULT_MOUNTS);
    }

    @Test
    void aReadOnlyRootfsLeavesItsPathToTheWorker() {
        assertThat(OciSpec.withReadonlyRootfs(true).apply(Spec.empty()).root().readonly()).isTrue();
        assertThat(OciSpec.withReadonlyRootfs(true).apply(Spec.empty()).root().path()).isNull();
        assertThat(OciSpec.withReadonlyRootfs(false).apply(Spec.empty()).root()).isNull();
    }
}
