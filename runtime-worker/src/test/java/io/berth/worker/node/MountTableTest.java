package io.berth.worker.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountTableTest {
    @Test
    void readsEveryLineWithItsTypeSourceAndSuperOptions() {
        MountTable table = MountTable.parse(Mountinfos.HYBRID);

        assertThat(table.mounts()).hasSize(22);
        assertThat(table.mounts().getFirst()).isEqualTo(new MountTable.Mount(Path.of("/proc"), "proc", "proc", "rw"));
        assertThat(table.mounts().get(5))
                .isEqualTo(new MountTable.Mount(Path.of("/"), "ext4", "/dev/vda", "rw,discard,resv_strict,resuid=65534,resgid=65534"));
        MountTable.Mount overlay = table.mounts().getLast();
        assertThat(overlay.mountPoint()).isEqualTo(Path.of("/tmp/rw-launcher/containers/"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/merged"));
        assertThat(overlay.fsType()).isEqualTo("overlay");
        assertThat(overlay.superOptions()).startsWith("rw,lowerdir=/tmp/rw-launcher/layers/bb/diff:").endsWith(",uuid=on");
    }

    @Test
    void unescapesTheOctalTheKernelWritesForSpaceTabBackslashAndNewline() {
        assertThat(MountTable.parse(Mountinfos.HYBRID).under(Path.of("/tmp/mi.kpem"))).containsExactly(
                new MountTable.Mount(Path.of("/tmp/mi.kpem/a b"), "tmpfs", "my src", "rw"),
                new MountTable.Mount(Path.of("/tmp/mi.kpem/tab\tx"), "tmpfs", "my src", "rw"),
                new MountTable.Mount(Path.of("/tmp/mi.kpem/back\\slash"), "tmpfs", "my src", "rw"),
                new MountTable.Mount(Path.of("/tmp/mi.kpem/new\nline"), "tmpfs", "my src", "rw"));
        assertThat(MountTable.unescape("not\\octal\\08\\1")).isEqualTo("not\\octal\\08\\1");
    }

    @Test
    void findsTheTypeAfterAnyNumberOfOptionalFields() {
        MountTable table = MountTable.parse(Mountinfos.UNIFIED);

        assertThat(table.mounts()).hasSize(14);
        assertThat(table.under(Path.of("/var/lib")))
                .containsExactly(new MountTable.Mount(Path.of("/var/lib/berth"), "ext4", "/dev/vdb1", "rw",
                        java.util.List.of("shared:33", "master:1")));
        assertThat(table.ofType(Set.of("cgroup", "cgroup2")))
                .containsExactly(new MountTable.Mount(Path.of("/sys/fs/cgroup"), "cgroup2", "cgroup2",
                        "rw,nsdelegate,memory_recursiveprot", java.util.List.of("shared:9")));
        assertThat(table.ofType(Set.of("nsfs"))).extracting(MountTable.Mount::mountPoint)
                .containsExactly(Path.of("/run/netns/berth-net1"));
    }

    @Test
    void aPathIsHeldByTheDeepestMountAndItsPropagationTagsAreKept() {
        MountTable unified = MountTable.parse(Mountinfos.UNIFIED);
        MountTable hybrid = MountTable.parse(Mountinfos.HYBRID);

        MountTable.Mount berth = unified.holding(Path.of("/var/lib/berth/volumes/x"));
        assertThat(berth.mountPoint()).isEqualTo(Path.of("/var/lib/berth"));
        assertThat(berth.shared()).isTrue();
        assertThat(berth.slave()).isTrue();
        assertThat(unified.holding(Path.of("/var/lib/berthx")).mountPoint()).isEqualTo(Path.of("/"));
        assertThat(unified.holding(Path.of("/run/netns/berth-net1")).slave()).isFalse();
        assertThat(hybrid.holding(Path.of("/srv")).mountPoint()).isEqualTo(Path.of("/"));
        assertThat(hybrid.holding(Path.of("/srv")).shared()).isFalse();
    }

    @Test
    void underIsStrictlyBelowAndComparesWholeNames() {
        MountTable table = MountTable.parse(Mountinfos.HYBRID + Mountinfos.UNIFIED);

        assertThat(table.under(Path.of("/var/lib/berth"))).isEmpty();
        assertThat(table.under(Path.of("/tmp/rw-launch"))).isEmpty();
        assertThat(table.under(Path.of("/tmp/rw-launcher/containers/"))).hasSize(1);
        assertThat(table.under(Path.of("/sys/fs/cgroup"))).extracting(MountTable.Mount::fsType)
                .containsExactly("cgroup", "cgroup", "cgroup", "cgroup", "cgroup", "cgroup", "cgroup", "cgroup", "cgroup",
                        "cgroup2");
    }

    @Test
    void knowsWhatIsAMountPoint() {
        MountTable table = MountTable.parse(Mountinfos.HYBRID);

        assertThat(table.isMountPoint(Path.of("/tmp/mi.kpem/a b"))).isTrue();
        assertThat(table.isMountPoint(Path.of("/tmp/mi.kpem/./a b/"))).isTrue();
        assertThat(table.isMountPoint(Path.of("/tmp/mi.kpem/a\\040b"))).isFalse();
        assertThat(table.isMountPoint(Path.of("/tmp/mi.kpem"))).isFalse();
    }

    @Test
    void refusesTextThatIsNotMountinfo() {
        assertThatThrownBy(() -> MountTable.parse("/dev/vda / ext4 rw,relatime 0 0\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a mountinfo line: /dev/vda / ext4 rw,relatime 0 0");
        assertThatThrownBy(() -> MountTable.parse("27 1 254:0 / / rw,relatime - ext4\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a mountinfo line");
    }

    @Test
    void readsThisProcesssTable() {
        MountTable table = MountTable.current();

        assertThat(table.isMountPoint(Path.of("/"))).isTrue();
        assertThat(table.ofType(Set.of("proc"))).extracting(MountTable.Mount::mountPoint).contains(Path.of("/proc"));
    }
}
