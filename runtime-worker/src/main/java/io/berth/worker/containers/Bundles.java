package io.berth.worker.containers;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import io.berth.worker.Exec;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.worker.execs.ExecSessions;
import io.berth.worker.exits.ExitReporter;
import io.berth.worker.layers.ImageLayers;
import io.berth.worker.network.ContainerNetworks;
import io.berth.worker.network.EtcFiles;
import io.berth.worker.network.Namespaces;
import io.berth.worker.network.NamespaceMode;
import io.berth.worker.network.NetworkPlan;
import io.berth.worker.runtime.BundleSpec;
import io.berth.worker.runtime.NodeLimits;
import io.berth.worker.runtime.OciRuntime;
import io.berth.worker.runtime.Overlay;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.ContainerLocks;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.ExitFile;
import io.berth.worker.state.MetaStore;
import io.berth.worker.state.RunEnds;
import io.berth.worker.stdio.StdioSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes and removes containers' bundles on this node: the image's layers, the overlay rootfs, the OCI bundle and
 * the container's directory. A bundle holds one run at a time; {@link Runs} starts and signals them.
 */
@ApplicationScoped
public class Bundles {
    private static final Logger LOG = Logger.getLogger(Bundles.class);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final Duration ATTACH_DRAIN = Duration.ofSeconds(5);
    private final NodePaths paths;
    private final MetaStore metas;
    private final ContainerLocks locks;
    private final ImageLayers layers;
    private final OciRuntime runtime;
    private final ExitReporter exits;
    private final AttachedStreams attached;
    private final RunStatuses statuses;
    private final RunEnds runEnds;
    private final BundleMounts mounts;
    private final ContainerNetworks networks;

    private final ExecSessions execs;

    Bundles(NodePaths paths, MetaStore metas, ContainerLocks locks, ImageLayers layers, OciRuntime runtime,
            ExitReporter exits, AttachedStreams attached, RunStatuses statuses, RunEnds runEnds, BundleMounts mounts,
            ContainerNetworks networks, ExecSessions execs) {
        this.execs = execs;
        this.mounts = mounts;
        this.runEnds = runEnds;
        this.networks = networks;
        this.paths = paths;
        this.metas = metas;
        this.locks = locks;
        this.layers = layers;
        this.runtime = runtime;
        this.exits = exits;
        this.attached = attached;
        this.statuses = statuses;
    }

    /** Unpacks the image, mounts the rootfs and writes the bundle; undoes all of it when any step fails. */
    public void create(TenantId tenant, String id, String name, String repository, Digest digest, Spec spec) {
        create(tenant, id, name, repository, digest, spec, List.of(), List.of(), NamespaceMode.parse(null));
    }

    /** The same with the run's network namespace and the spec's bind sources readied, stdin closed. */
    public void create(TenantId tenant, String id, String name, String repository, Digest digest, Spec spec,
            List<String> copyUp, List<String> createSources, NamespaceMode network) {
        create(tenant, id, name, repository, digest, spec, copyUp, createSources, network, StdioSettings.closed());
    }

    /**
     * The same; the spec's bind sources are readied first ({@link BundleMounts}: volumes mounted and, at the
     * destinations in {@code copyUp}, filled from the image; the host paths in {@code createSources} made if missing),
     * and the runs are in the network namespace {@code network} says; the {@code /etc} files a container sees are
     * written with it; {@code stdio} is kept for its runs' conmon.
     */
    public void create(TenantId tenant, String id, String name, String repository, Digest digest, Spec spec,
            List<String> copyUp, List<String> createSources, NamespaceMode network, StdioSettings stdio) {
        MetaStore.requireId(id);
        if (spec == null || spec.process() == null) {
            throw new InvalidParameterException("spec must be an OCI runtime spec with a process");
        }
        String containerName = name == null || name.isBlank() ? id.substring(0, 12) : name.replaceFirst("^/", "");
        locks.run(id, () -> {
            ContainerDir dir = metas.dir(id);
            if (dir.exists()) {
                throw new ConflictException("container " + id + " already exists");
            }
            // Fetch before touching the container's directory: a missing image changes nothing here.
            List<Path> lowers = layers.ensure(tenant, repository, digest);
            try {
                Files.createDirectories(paths.containers());
                Files.createDirectory(dir.path());
                Files.createDirectory(dir.upper());
                Files.createDirectory(dir.work());
                Files.createDirectory(dir.merged());
                Overlay.mount(lowers, dir.upper(), dir.work(), dir.merged());
                mounts.prepare(tenant, spec, dir.merged(), copyUp, createSources);
                Spec bundle = networked(id, containerName, BundleSpec.complete(spec, dir.merged(), id, nodeHardLimits()),
                        network);
                Files2.writeAtomically(dir.config(), SpecJson.write(bundle));
                stdio.save(dir);
                metas.save(id, ContainerMeta.created(tenant.value(), containerName, lowers));
            } catch (IOException | RuntimeException e) {
                removeQuietly(dir);
                throw e instanceof IOException io ? new InternalException("cannot create container " + id + ": "
                        + io.getMessage(), io) : (RuntimeException) e;
            }
        });
    }

    /**
     * The tenant's container's root filesystem as the node sees it (its overlay, mounted again if a restart of the
     * node unmounted it), without the mounts its runs get: {@code docker export}'s view. 404 for another tenant's.
     */
    public java.nio.file.Path mountedRoot(TenantId tenant, String id) {
        MetaStore.requireId(id);
        return locks.with(id, () -> {
            ContainerMeta meta = metas.owned(tenant, id);
            ContainerDir dir = metas.dir(id);
            if (!Overlay.isMounted(dir.merged())) {
                if (meta.lowerPaths().isEmpty()) {
                    throw new InternalException("the rootfs of container " + id + " is not mounted and its layers are not recorded");
                }
                Overlay.mount(meta.lowerPaths(), dir.upper(), dir.work(), dir.merged());
            }
            return dir.merged();
        });
    }

    /** After {@code ./berth down} or a reboot the rootfs is no longer mounted; it is mounted again as it was. */
    void remountIfNeeded(String id, ContainerMeta meta) {
        ContainerDir dir = metas.dir(id);
        mounts.remount(TenantId.of(meta.tenant()), readSpec(dir));
        if (Overlay.isMounted(dir.merged())) {
            return;
        }
        if (meta.lowerPaths().isEmpty()) {
            throw new InternalException("the rootfs of container " + id + " is not mounted and its layers are not recorded");
        }
        Overlay.mount(meta.lowerPaths(), dir.upper(), dir.work(), dir.merged());
    }

    /**
     * Kills what runs, reports its exit, deletes it from the runtime, unmounts and removes the directory; the id's
     * lock goes with it. Idempotent, and another tenant's container reads as absent, so its delete is done too.
     */
    public void delete(TenantId tenant, String id) {
        MetaStore.requireId(id);
        locks.run(id, () -> {
            Optional<ContainerMeta> meta = metas.load(id);
            if (meta.isPresent() && !meta.get().tenant().equals(tenant.value())) {
                return;
            }
            ContainerDir dir = metas.dir(id);
            if (meta.isPresent() && statuses.of(id, meta.get()).running()) {
                runtime.kill(id, "SIGKILL");
                Polling.until(() -> ExitFile.read(paths.exitFile(id)).isPresent(), EXIT_WAIT);
                exits.report(id);
            }
            Exec.Result deleted = runtime.delete(id);
            if (!deleted.ok() && !deleted.output().contains("does not exist")) {
                LOG.warnf("runtime delete of %s: %s", id, deleted.output());
            }
            runtime.removeEmptyCgroupParent();
            networks.awaitTeardowns();
            networks.tearDown(id);
            // The run is over; let the streams following it send the last of its output before the log goes.
            attached.awaitDrained(id, ATTACH_DRAIN);
            Overlay.unmount(dir.merged());
            Files2.deleteIfExists(paths.exitFile(id));
            Files2.deleteTree(dir.path());
            execs.forget(id);
            runEnds.forget(id);
        });
    }

    /**
     * The network namespace a run joins and the {@code /etc} files it sees: its own (written now with its hostname and
     * loopback, and again at each start on a network), or those of the container whose namespace it shares.
     */
    private Spec networked(String id, String name, Spec bundle, NamespaceMode network) {
        String owner = network.kind() == NamespaceMode.Kind.CONTAINER ? network.container() : id;
        if (network.kind() == NamespaceMode.Kind.CONTAINER && !metas.dir(owner).exists()) {
            throw new io.berth.kit.errors.NotFoundException("No such container: " + owner);
        }
        Spec joined = switch (network.kind()) {
            case MANAGED, CONTAINER -> BundleSpec.joiningNetwork(bundle, Namespaces.of(paths, owner));
            case PRIVATE, HOST -> bundle;
        };
        Path etc = paths.container(owner);
        if (owner.equals(id)) {
            String hostname = bundle.hostname() == null || bundle.hostname().isEmpty() ? id.substring(0, 12) : bundle.hostname();
            EtcFiles.write(etc, hostname, NetworkPlan.none(), network.kind() == NamespaceMode.Kind.HOST);
        }
        return BundleSpec.withEtcFiles(joined, EtcFiles.hosts(etc), EtcFiles.resolvConf(etc), EtcFiles.hostname(etc));
    }

    private void removeQuietly(ContainerDir dir) {
        try {
            Overlay.unmount(dir.merged());
            Files2.deleteTree(dir.path());
        } catch (RuntimeException e) {
            LOG.warnf("cleaning up %s failed: %s", dir.path(), e.getMessage());
        }
    }

    static Spec readSpec(ContainerDir dir) {
        try {
            return SpecJson.read(Files.readAllBytes(dir.config()));
        } catch (IOException e) {
            throw new InternalException("cannot read the bundle of " + dir.path() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> nodeHardLimits() {
        try {
            return NodeLimits.parseHard(Files.readString(Path.of("/proc/self/limits")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
