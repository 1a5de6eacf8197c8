package io.berth.worker.containers;

import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Spec;
import io.berth.worker.node.BindPropagation;
import io.berth.worker.node.BindSources;
import io.berth.worker.node.MountTable;
import io.berth.worker.volumes.NodeVolumes;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the node does for a bundle's bind mounts before the container runs. A bind of a volume's data (a path under the
 * volumes directory) must be the container's own tenant's: the volume is made ready (mounted, for one with driver
 * options) and, when asked, filled from the image (copy-up). Any other bind must pass the state root rule
 * ({@link BindSources}); a missing source is made when asked (a {@code -v} bind, as dockerd does) and refused
 * otherwise (a {@code --mount} bind), in dockerd's words.
 */
@ApplicationScoped
public class BundleMounts {
    private final NodeVolumes volumes;
    private final BindSources bindSources;

    BundleMounts(NodeVolumes volumes, BindSources bindSources) {
        this.volumes = volumes;
        this.bindSources = bindSources;
    }

    /** Readies every bind source of the spec; {@code rootfs} is the mounted root filesystem (for copy-up). */
    public void prepare(TenantId tenant, Spec spec, Path rootfs, List<String> copyUp, List<String> createSources) {
        for (Mount mount : binds(spec)) {
            Optional<String[]> volume = volumes.volumeOf(Path.of(mount.source()));
            if (volume.isPresent()) {
                String name = ownVolume(tenant, volume.get(), mount);
                volumes.prepare(tenant, name);
                if (copyUp.contains(mount.destination())) {
                    volumes.copyUp(tenant, name, rootfs, mount.destination());
                }
                continue;
            }
            bindSources.check(mount.source());
            Path source = Path.of(mount.source());
            if (!Files.exists(source)) {
                if (!createSources.contains(mount.source())) {
                    throw new InvalidParameterException("invalid mount config for type \"bind\": bind source path does not"
                            + " exist: " + mount.source());
                }
                try {
                    Files.createDirectories(source);
                } catch (IOException e) {
                    throw new InternalException("error while creating mount source path '" + source + "': "
                            + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Before a start: the volumes with driver options the container mounts are mounted again (after {@code ./berth
     * down} or a reboot), and each host bind's propagation is checked against its source's host mount, as dockerd
     * checks it at start ({@link BindPropagation}).
     */
    public void remount(TenantId tenant, Spec spec) {
        MountTable table = null;
        for (Mount mount : binds(spec)) {
            Optional<String[]> volume = volumes.volumeOf(Path.of(mount.source()));
            if (volume.isPresent()) {
                volumes.prepare(tenant, ownVolume(tenant, volume.get(), mount));
            } else if (mount.options() != null) {
                table = table == null ? MountTable.current() : table;
                BindPropagation.check(table, mount.source(), mount.options());
            }
        }
    }

    private static List<Mount> binds(Spec spec) {
        return spec.mounts() == null ? List.of()
                : spec.mounts().stream().filter(mount -> "bind".equals(mount.type()) && mount.source() != null).toList();
    }

    /** Another tenant's volume reads as a path no container may see. */
    private static String ownVolume(TenantId tenant, String[] volume, Mount mount) {
        if (!volume[0].equals(tenant.value())) {
            throw new InvalidParameterException("invalid mount config for type \"bind\": bind source path "
                    + mount.source() + " is inside Berth's state root, which no container may see");
        }
        return volume[1];
    }
}
