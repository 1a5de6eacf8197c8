package io.berth.container.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which form wins a destination, as dockerd's registerMountPoints decides. */
class MountPlanTest {
    private static MountRequest request(List<String> binds, Map<String, String> tmpfs, List<String> volumesFrom,
            List<String> volumes) {
        return new MountRequest(binds, null, tmpfs, volumesFrom, null, false, volumes);
    }

    @Test
    void anonymousVolumesTakeOnlyTheDestinationsNothingElseTook() {
        MountPlan plan = MountPlan.of(request(List.of("data:/data"), Map.of("/tmp", ""), List.of(),
                List.of("/data", "/tmp", "/own")), List.of("/own", "/image/"), from -> List.of());

        assertThat(plan.mountPoints()).extracting(MountPoint::destination).containsExactly("/data", "/own", "/image");
        assertThat(plan.mountPoints().get(0).name()).isEqualTo("data");
        assertThat(plan.mountPoints().get(2).copyData()).isTrue();
        assertThat(plan.tmpfs()).extracting(MountPoint::destination).containsExactly("/tmp");
        assertThat(plan.volumes()).hasSize(3);
    }

    @Test
    void aBindReplacesWhatVolumesFromSharedThereButTwoBindsClash() {
        MountPoint shared = MountParser.bind("db-data:/data", null).ofVolume("db-data", "local", "/v/db-data/_data");
        MountPoint sharedBind = MountParser.bind("/etc/app:/etc/app", null);

        MountPlan plan = MountPlan.of(request(List.of("/other:/etc/app"), Map.of(), List.of("db:ro"), List.of()),
                List.of(), from -> from.container().equals("db") ? List.of(shared, sharedBind) : List.of());

        assertThat(plan.mountPoints()).hasSize(2);
        assertThat(plan.mountPoints().get(0).rw()).isFalse();
        assertThat(plan.mountPoints().get(0).copyData()).isFalse();
        // dockerd copies neither the mode text ("z" here) nor, for a --volumes-from, anything but ro/rw.
        assertThat(shared.mode()).isEqualTo("z");
        assertThat(plan.mountPoints().get(0).mode()).isEmpty();
        assertThat(plan.mountPoints().get(1).source()).isEqualTo("/other");
        assertThatThrownBy(() -> MountPlan.of(request(List.of("/a:/x", "b:/x"), Map.of(), List.of(), List.of()),
                List.of(), from -> List.of())).isInstanceOf(InvalidParameterException.class).hasMessage("Duplicate mount point: /x");
        assertThatThrownBy(() -> MountPlan.of(request(List.of("/a:/x/"), Map.of("/x", ""), List.of(), List.of()),
                List.of(), from -> List.of())).hasMessage("Duplicate mount point: /x");
    }

    @Test
    void resolvedVolumesReplaceTheVolumeMountsInOrder() {
        MountPlan plan = MountPlan.of(request(List.of("/h:/h", "a:/a"), Map.of(), List.of(), List.of("/b")), List.of(),
                from -> List.of());
        List<MountPoint> resolved = plan.volumes().stream()
                .map(point -> point.ofVolume(point.name() == null ? "anon" : point.name(), "local", "/data/" + point.destination()))
                .toList();

        MountPlan made = plan.withVolumes(resolved);

        assertThat(made.mountPoints()).extracting(MountPoint::source).containsExactly("/h", "/data//a", "/data//b");
        assertThat(made.mountPoints()).extracting(MountPoint::name).containsExactly(null, "a", "anon");
    }
}
