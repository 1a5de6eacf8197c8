package io.berth.worker.inside;

import io.berth.worker.runtime.BundleSpec;
import io.berth.worker.runtime.CgroupLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A container's cgroup on this node, where the runtime made it ({@code /berth/<id>}, BundleSpec): one directory per
 * v1 controller, or the one v2 directory. Files are read as the kernel writes them; a controller the host lacks, or
 * a cgroup already gone (the run ended), reads as absent.
 *
 * @see <a href="https://docs.kernel.org/admin-guide/cgroup-v2.html">cgroup v2</a>
 */
record ContainerCgroup(CgroupLayout layout, String id) {

    /** Whether the container's cgroup is a v2 one (a unified host), whose files have v2's names. */
    boolean v2() {
        return layout.kind() == CgroupLayout.Kind.UNIFIED;
    }

    /** The container's directory under the v1 hierarchy of {@code controller}, or under the v2 mount. */
    Optional<Path> dir(String controller) {
        for (Path mount : layout.mountPoints()) {
            boolean unifiedMount = Files.exists(mount.resolve("cgroup.controllers"));
            boolean matches = v2() ? unifiedMount
                    : !unifiedMount && Arrays.asList(mount.getFileName().toString().split(",")).contains(controller);
            Path dir = mount.resolve(BundleSpec.CGROUP_PARENT).resolve(id);
            if (matches && Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** One file of {@code controller}'s directory, trimmed; empty when absent. */
    Optional<String> read(String controller, String file) {
        return dir(controller).map(dir -> dir.resolve(file)).filter(Files::isReadable).flatMap(path -> {
            try {
                return Optional.of(Files.readString(path).strip());
            } catch (IOException gone) {
                return Optional.empty();
            }
        });
    }

    /** A file holding one number ({@code max} reads as absent); empty when absent. */
    Optional<Long> number(String controller, String file) {
        return read(controller, file).filter(text -> !text.isEmpty() && !text.equals("max")).flatMap(text -> {
            try {
                return Optional.of(Long.parseLong(text.split("\\s+")[0]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Every process in the container's cgroup (its init, what it forked, exec sessions). */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        read("pids", "cgroup.procs").or(() -> read("memory", "cgroup.procs")).ifPresent(text -> text.lines()
                .filter(line -> !line.isBlank()).forEach(line -> pids.add(Long.parseLong(line.strip()))));
        return pids;
    }
}
