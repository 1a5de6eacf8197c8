package io.berth.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuntimeChoiceTest {
    static final String HYBRID = """
            25 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
            30 25 0:26 / /sys/fs/cgroup ro,nosuid shared:9 - tmpfs tmpfs ro,mode=755
            31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid shared:10 - cgroup2 cgroup2 rw
            32 30 0:28 / /sys/fs/cgroup/systemd rw,nosuid shared:11 - cgroup cgroup rw,xattr,name=systemd
            35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory
            """;
    static final String UNIFIED = """
            25 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
            30 25 0:26 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate
            """;
    static final String LEGACY = """
            30 25 0:26 / /sys/fs/cgroup ro,nosuid shared:9 - tmpfs tmpfs ro,mode=755
            35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory
            """;

    @Test
    void readsTheThreeLayoutsAndTheirMountPoints() {
        CgroupLayout hybrid = CgroupLayout.parse(HYBRID);
        assertThat(hybrid.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(hybrid.mountPoints()).containsExactly(Path.of("/sys/fs/cgroup/unified"),
                Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup/memory"));
        assertThat(CgroupLayout.parse(UNIFIED).kind()).isEqualTo(CgroupLayout.Kind.UNIFIED);
        assertThat(CgroupLayout.parse(UNIFIED).mountPoints()).containsExactly(Path.of("/sys/fs/cgroup"));
        assertThat(CgroupLayout.parse(LEGACY).kind()).isEqualTo(CgroupLayout.Kind.LEGACY);
    }

    @Test
    void autoTakesCrunOnlyOnPureCgroupV2() {
        assertThat(RuntimeChoice.choose("auto", CgroupLayout.Kind.UNIFIED)).isEqualTo("crun");
        assertThat(RuntimeChoice.choose("auto", CgroupLayout.Kind.HYBRID)).isEqualTo("runc");
        assertThat(RuntimeChoice.choose("auto", CgroupLayout.Kind.LEGACY)).isEqualTo("runc");
    }

    @Test
    void anExplicitChoiceWins() {
        assertThat(RuntimeChoice.choose("crun", CgroupLayout.Kind.HYBRID)).isEqualTo("crun");
        assertThat(RuntimeChoice.choose("RUNC", CgroupLayout.Kind.UNIFIED)).isEqualTo("runc");
        assertThatThrownBy(() -> RuntimeChoice.choose("youki", CgroupLayout.Kind.UNIFIED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, crun or runc");
    }
}
