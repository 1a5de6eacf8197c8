package io.berth.container.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the OCI runtime spec of a container, one small function per concern. The worker adds what only a node
 * knows ({@code root.path}, the cgroup path, rlimits within its hard limits).
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md">OCI runtime spec, config.json</a>
 */
public final class OciSpec {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Docker's default open-files limit; the worker lowers it to what its node allows. */
    static final long DEFAULT_NOFILE = 1048576;

    private OciSpec() {
    }

    /** The spec for a process run as {@code command} in {@code cwd} with {@code env}. */
    public static ObjectNode of(ProcessSettings process) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("ociVersion", "1.0.2");
        spec.set("process", process(process));
        spec.put("hostname", process.hostname());
        spec.set("mounts", mounts());
        spec.set("linux", linux());
        return spec;
    }

    static ObjectNode process(ProcessSettings settings) {
        ObjectNode process = JSON.createObjectNode();
        process.put("terminal", settings.tty());
        ObjectNode user = process.putObject("user");
        user.put("uid", settings.uid());
        user.put("gid", settings.gid());
        strings(process.putArray("args"), settings.command());
        strings(process.putArray("env"), settings.env());
        process.put("cwd", settings.workingDir());
        ObjectNode capabilities = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            strings(capabilities.putArray(set), DEFAULT_CAPABILITIES);
        }
        ObjectNode nofile = process.putArray("rlimits").addObject();
        nofile.put("type", "RLIMIT_NOFILE");
        nofile.put("hard", DEFAULT_NOFILE);
        nofile.put("soft", DEFAULT_NOFILE);
        return process;
    }

    static ArrayNode mounts() {
        ArrayNode mounts = JSON.createArrayNode();
        mount(mounts, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
        mount(mounts, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
        mount(mounts, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5");
        mount(mounts, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
        mount(mounts, "/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev");
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        mount(mounts, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=67108864");
        return mounts;
    }

    static ObjectNode linux() {
        ObjectNode linux = JSON.createObjectNode();
        ArrayNode namespaces = linux.putArray("namespaces");
        // A fresh network namespace with only loopback until network-service attaches the container through
        // netavark (the default bridge comes with the networking issue).
        for (String type : List.of("pid", "ipc", "uts", "mount", "network")) {
            namespaces.addObject().put("type", type);
        }
        strings(linux.putArray("maskedPaths"), MASKED_PATHS);
        strings(linux.putArray("readonlyPaths"), READONLY_PATHS);
        return linux;
    }

    private static void mount(ArrayNode mounts, String destination, String type, String source, String... options) {
        ObjectNode mount = mounts.addObject();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        strings(mount.putArray("options"), List.of(options));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
