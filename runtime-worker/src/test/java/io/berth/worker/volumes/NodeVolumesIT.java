package io.berth.worker.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.Exec;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.worker.node.BindSources;
import io.berth.worker.node.MountTable;
import io.berth.worker.state.ContainerLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node's volumes on a real filesystem, as root: directories per tenant, tmpfs and bind-backed volumes mounted
 * with mount(8) and unmounted on removal (the bind's host directory untouched), sizes, the state root no bind may
 * expose, and Docker's copy-up from an image's directory with owners and modes.
 */
class NodeVolumesIT {
    private static final TenantId ACME = TenantId.of("acme");
    private Path root;
    private Path outside;
    private NodeVolumes volumes;

    @BeforeEach
    void stateRoot() throws IOException {
        root = Files.createTempDirectory(Path.of("/tmp"), "nv-");
        outside = Files.createTempDirectory(Path.of("/tmp"), "nv-host-");
        volumes = new NodeVolumes(new NodePaths(root), new ContainerLocks(), new BindSources(root));
    }

    @AfterEach
    void cleanUp() {
        for (MountTable.Mount mount : MountTable.current().under(root).reversed()) {
            Exec.run(List.of("umount", "-l", mount.mountPoint().toString()), Duration.ofSeconds(10));
        }
        Files2.deleteTree(root);
        Files2.deleteTree(outside);
    }

    @Test
    void makesADirectoryPerTenantAndNameAndRemovesIt() throws IOException {
        Path data = volumes.create(ACME, "data", Map.of());

        assertThat(data).isEqualTo(root.resolve("volumes/acme/data/_data")).isDirectory();
        assertThat(Files.getPosixFilePermissions(root.resolve("volumes"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Files.writeString(data.resolve("f"), "kept");
        assertThat(volumes.create(ACME, "data", Map.of())).isEqualTo(data);
        assertThat(data.resolve("f")).hasContent("kept");

        volumes.delete(ACME, "data");
        assertThat(root.resolve("volumes/acme/data")).doesNotExist();
        volumes.delete(ACME, "data");
    }

    @Test
    void mountsATmpfsVolumeWhenAContainerNeedsItAndUnmountsItOnRemoval() {
        Path data = volumes.create(ACME, "cache", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m,mode=0750"));
        assertThat(MountTable.current().isMountPoint(data)).isFalse();

        volumes.prepare(ACME, "cache");
        volumes.prepare(ACME, "cache");

        List<MountTable.Mount> mounts = MountTable.current().mounts().stream().filter(m -> m.mountPoint().equals(data)).toList();
        assertThat(mounts).hasSize(1);
        assertThat(mounts.getFirst().fsType()).isEqualTo("tmpfs");
        assertThat(mounts.getFirst().superOptions()).contains("size=1024k").contains("mode=750");
        volumes.delete(ACME, "cache");
        assertThat(MountTable.current().isMountPoint(data)).isFalse();
        assertThat(root.resolve("volumes/acme/cache")).doesNotExist();
    }

    @Test
    void aBindBackedVolumeShowsItsHostDirectoryWhichItsRemovalLeavesAlone() throws IOException {
        Files.writeString(outside.resolve("host-file"), "from the host");
        Path data = volumes.create(ACME, "src", Map.of("type", "none", "device", outside.toString(), "o", "bind"));

        volumes.prepare(ACME, "src");
        assertThat(data.resolve("host-file")).hasContent("from the host");

        volumes.delete(ACME, "src");
        assertThat(outside.resolve("host-file")).hasContent("from the host");
        assertThat(root.resolve("volumes/acme/src")).doesNotExist();
    }

    @Test
    void aBindMayNotExposeTheStateRoot() {
        assertThatThrownBy(() -> volumes.create(ACME, "peek", Map.of("type", "none", "device", root.resolve("containers").toString(), "o", "bind")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("is inside Berth's state root");
        assertThatThrownBy(() -> volumes.create(ACME, "peek", Map.of("type", "none", "device", "/tmp", "o", "bind")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("holds Berth's state root");
        assertThat(root.resolve("volumes/acme/peek")).doesNotExist();
    }

    @Test
    void aMountThatFailsSaysWhyInDockersWords() {
        volumes.create(ACME, "broken", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=nonsense"));

        assertThatThrownBy(() -> volumes.prepare(ACME, "broken")).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("error while mounting volume '" + root.resolve("volumes/acme/broken/_data")
                        + "': failed to mount local volume: ");
    }

    @Test
    void listsEveryTenantsVolumesWithSizesCountingHardLinksOnce() throws IOException {
        Path data = volumes.create(ACME, "sized", Map.of());
        volumes.create(TenantId.of("other"), "theirs", Map.of());
        Files.write(data.resolve("a"), new byte[1000]);
        Files.createDirectory(data.resolve("sub"));
        Files.write(data.resolve("sub/b"), new byte[24]);
        Files.createLink(data.resolve("a-again"), data.resolve("a"));

        assertThat(volumes.list(true)).containsExactly(
                new NodeVolume("acme", "sized", data.toString(), 1024),
                new NodeVolume("other", "theirs", root.resolve("volumes/other/theirs/_data").toString(), 0));
        assertThat(volumes.list(false)).extracting(NodeVolume::size).containsOnly(-1L);
    }

    @Test
    void copyUpFillsAnEmptyVolumeWithOwnersModesAndLinksFromTheImage() throws IOException {
        Path rootfs = Files.createDirectory(root.resolve("rootfs"));
        Path full = Files.createDirectories(rootfs.resolve("srv/full/sub"));
        Files.writeString(full.resolve("file"), "hi");
        Files.createSymbolicLink(rootfs.resolve("srv/full/sub/link"), Path.of("/etc/passwd"));
        Files.setAttribute(full.resolve("file"), "unix:uid", 70);
        Files.setAttribute(rootfs.resolve("srv/full"), "unix:uid", 999);
        Files.setAttribute(rootfs.resolve("srv/full"), "unix:gid", 998);
        Files.setAttribute(rootfs.resolve("srv/full"), "unix:mode", 01777);
        // The destination a client names goes through an absolute link inside the image.
        Files.createSymbolicLink(rootfs.resolve("data"), Path.of("/srv/full"));
        Path data = volumes.create(ACME, "filled", Map.of());

        volumes.copyUp(ACME, "filled", rootfs, "/data");

        assertThat(data.resolve("sub/file")).hasContent("hi");
        assertThat(Files.getAttribute(data.resolve("sub/file"), "unix:uid")).isEqualTo(70);
        assertThat(Files.readSymbolicLink(data.resolve("sub/link"))).isEqualTo(Path.of("/etc/passwd"));
        assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(999);
        assertThat(Files.getAttribute(data, "unix:gid")).isEqualTo(998);
        assertThat((int) Files.getAttribute(data, "unix:mode") & 07777).isEqualTo(01777);
    }

    @Test
    void copyUpLeavesAVolumeWithDataAloneAndGivesAnEmptyImageDirectoryItsOwner() throws IOException {
        Path rootfs = Files.createDirectory(root.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("empty"));
        Files.setAttribute(rootfs.resolve("empty"), "unix:uid", 1000);
        Files.setAttribute(rootfs.resolve("empty"), "unix:mode", 0700);
        Files.createDirectories(rootfs.resolve("full"));
        Files.writeString(rootfs.resolve("full/new"), "image");
        Path empty = volumes.create(ACME, "empty", Map.of());
        Path used = volumes.create(ACME, "used", Map.of());
        Files.writeString(used.resolve("old"), "kept");

        volumes.copyUp(ACME, "empty", rootfs, "/empty");
        volumes.copyUp(ACME, "used", rootfs, "/full");
        volumes.copyUp(ACME, "used", rootfs, "/missing");

        assertThat(Files.getAttribute(empty, "unix:uid")).isEqualTo(1000);
        assertThat((int) Files.getAttribute(empty, "unix:mode") & 07777).isEqualTo(0700);
        assertThat(used.resolve("new")).doesNotExist();
        assertThat(used.resolve("old")).hasContent("kept");
    }

    @Test
    void aLinkInTheImageCannotLeadCopyUpOutOfTheRootfs() throws IOException {
        Path rootfs = Files.createDirectory(root.resolve("rootfs"));
        Files.writeString(outside.resolve("secret"), "host");
        Files.createSymbolicLink(rootfs.resolve("escape"), Path.of("../../" + outside.getFileName()));
        Path data = volumes.create(ACME, "safe", Map.of());

        volumes.copyUp(ACME, "safe", rootfs, "/escape");

        assertThat(data.resolve("secret")).doesNotExist();
        assertThat(Files.isSymbolicLink(rootfs.resolve("escape"))).isTrue();
        assertThat(Files.exists(data, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void refusesNamesThatAreNoVolumeName() {
        assertThatThrownBy(() -> volumes.create(ACME, "../x", Map.of())).isInstanceOf(InvalidParameterException.class)
                .hasMessage("invalid volume name: \"../x\"");
    }
}
