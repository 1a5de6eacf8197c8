package io.berth.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.worker.node.MountTable;
import io.berth.worker.node.Mountinfos;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
    static final String LEGACY = """
            30 25 0:26 / /sys/fs/cgroup ro,nosuid shared:9 - tmpfs tmpfs ro,mode=755
            35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory
            """;

    @Test
    void aHybridHostHasV1ControllersAndAUnifiedTreeBeside() {
        CgroupLayout hybrid = CgroupLayout.from(MountTable.parse(Mountinfos.HYBRID));

        assertThat(hybrid.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(hybrid.mountPoints()).containsExactly(Path.of("/sys/fs/cgroup/cpu"), Path.of("/sys/fs/cgroup/cpuacct"),
                Path.of("/sys/fs/cgroup/cpuset"), Path.of("/sys/fs/cgroup/memory"), Path.of("/sys/fs/cgroup/devices"),
                Path.of("/sys/fs/cgroup/freezer"), Path.of("/sys/fs/cgroup/blkio"), Path.of("/sys/fs/cgroup/pids"),
                Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup/unified"));
    }

    @Test
    void aPureV2HostHasOneTree() {
        CgroupLayout unified = CgroupLayout.from(MountTable.parse(Mountinfos.UNIFIED));

        assertThat(unified.kind()).isEqualTo(CgroupLayout.Kind.UNIFIED);
        assertThat(unified.mountPoints()).containsExactly(Path.of("/sys/fs/cgroup"));
    }

    @Test
    void aLegacyHostHasV1Only() {
        CgroupLayout legacy = CgroupLayout.from(MountTable.parse(LEGACY));

        assertThat(legacy.kind()).isEqualTo(CgroupLayout.Kind.LEGACY);
        assertThat(legacy.mountPoints()).containsExactly(Path.of("/sys/fs/cgroup/memory"));
    }
}
