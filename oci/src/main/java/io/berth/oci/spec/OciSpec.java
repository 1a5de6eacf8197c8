package io.berth.oci.spec;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds the OCI runtime spec of a container from one small function per concern, each a {@code Spec -> Spec} step,
 * as moby's {@code daemon/oci_linux.go} does with its {@code With…} options. The worker adds what only a node knows
 * ({@code root.path}, the cgroup path, rlimits within its hard limits). container-service makes a container's spec
 * with it, image-service a build step's.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/daemon/oci_linux.go">moby daemon/oci_linux.go</a>
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md">OCI runtime spec, config.json</a>
 */
public final class OciSpec {
    /** Docker's default capability set (moby oci/caps/defaults.go). */
    static final List<String> DEFAULT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Paths Docker hides from containers (moby oci/defaults.go). */
    static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /**
     * A network namespace of its own: the worker binds it to one it set up with netavark for a container on networks,
     * or to another container's for {@code container:<ref>}; {@code none} keeps the runtime's loopback-only one.
     */
    static final List<Namespace> NAMESPACES = List.of(new Namespace("pid"), new Namespace("ipc"),
            new Namespace("uts"), new Namespace("mount"), new Namespace("network"));

    /** The filesystems every container gets (moby oci/defaults.go DefaultLinuxSpec). */
    public static final List<Mount> DEFAULT_MOUNTS = List.of(
            new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            new Mount("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
            new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864")));

    /** Docker's default open-files limit; the worker lowers it to what its node allows. */
    static final Rlimit DEFAULT_NOFILE = new Rlimit("RLIMIT_NOFILE", 1048576, 1048576);

    private OciSpec() {
    }

    /** The spec of a container whose process is already merged with its image's defaults. */
    public static Spec of(ProcessSettings process) {
        Spec spec = Spec.empty();
        for (UnaryOperator<Spec> step : List.of(
                withCommonOptions(process),
                withUser(process.uid(), process.gid()),
                withCapabilities(DEFAULT_CAPABILITIES),
                withRlimits(List.of(DEFAULT_NOFILE)),
                withMounts(DEFAULT_MOUNTS),
                withNamespaces(NAMESPACES),
                withMaskedPaths(MASKED_PATHS),
                withReadonlyPaths(READONLY_PATHS))) {
            spec = step.apply(spec);
        }
        return spec;
    }

    /** Command, environment, working directory, terminal and hostname (moby's WithCommonOptions). */
    static UnaryOperator<Spec> withCommonOptions(ProcessSettings settings) {
        return spec -> spec.withHostname(settings.hostname()).updateProcess(process -> process
                .withTerminal(settings.tty())
                .withArgs(settings.command())
                .withEnv(settings.env())
                .withCwd(settings.workingDir()));
    }

    /** The numeric user and group the process runs as (moby's WithUser). */
    static UnaryOperator<Spec> withUser(long uid, long gid) {
        return spec -> spec.updateProcess(process -> process.withUser(new User(uid, gid)));
    }

    /** The same capabilities bounding, effective and permitted, as Docker grants an unprivileged container. */
    static UnaryOperator<Spec> withCapabilities(List<String> names) {
        return spec -> spec.updateProcess(process -> process.withCapabilities(Capabilities.of(names)));
    }

    static UnaryOperator<Spec> withRlimits(List<Rlimit> rlimits) {
        return spec -> spec.updateProcess(process -> process.withRlimits(rlimits));
    }

    static UnaryOperator<Spec> withMounts(List<Mount> mounts) {
        return spec -> spec.withMounts(mounts);
    }

    static UnaryOperator<Spec> withNamespaces(List<Namespace> namespaces) {
        return spec -> spec.updateLinux(linux -> linux.withNamespaces(namespaces));
    }

    /** The node's network (Docker's {@code --network host}): no network namespace of its own (moby's WithNamespaces). */
    public static UnaryOperator<Spec> withHostNetwork() {
        return spec -> spec.updateLinux(linux -> linux.withNamespaces(
                linux.namespaces().stream().filter(ns -> !ns.type().equals("network")).toList()));
    }

    static UnaryOperator<Spec> withMaskedPaths(List<String> paths) {
        return spec -> spec.updateLinux(linux -> linux.withMaskedPaths(paths));
    }

    static UnaryOperator<Spec> withReadonlyPaths(List<String> paths) {
        return spec -> spec.updateLinux(linux -> linux.withReadonlyPaths(paths));
    }

    /**
     * The container's own mounts (container-service's {@code UserMounts}) among the default ones: a default mount at a destination the
     * container mounts something on is dropped, and parents come before what is mounted inside them, by the number of
     * path components (moby's {@code WithMounts} and its {@code sortMounts}).
     */
    public static UnaryOperator<Spec> withUserMounts(List<Mount> mounts) {
        return spec -> {
            if (mounts.isEmpty()) {
                return spec;
            }
            java.util.Set<String> taken = new java.util.HashSet<>();
            mounts.forEach(mount -> taken.add(mount.destination()));
            List<Mount> all = new java.util.ArrayList<>();
            (spec.mounts() == null ? List.<Mount>of() : spec.mounts()).stream()
                    .filter(mount -> !taken.contains(mount.destination())).forEach(all::add);
            all.addAll(mounts);
            // A stable sort: mounts of one depth keep the order they were given in.
            all.sort(java.util.Comparator.comparingInt(mount -> depth(mount.destination())));
            return spec.withMounts(all);
        };
    }

    private static int depth(String destination) {
        return (int) destination.chars().filter(c -> c == '/').count() - (destination.equals("/") ? 1 : 0);
    }

    /** {@code --read-only}: the root filesystem read-only; where it is stays the worker's to say. */
    public static UnaryOperator<Spec> withReadonlyRootfs(boolean readonly) {
        return spec -> readonly ? spec.withRoot(new Root(null, true)) : spec;
    }
}
