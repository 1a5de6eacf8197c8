package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code ./berth down} must not leave behind: processes, mounts and cgroups of a state root. Its containers'
 * cgroups are {@code <hierarchy>/berth/<id>}; the {@code berth} parent itself may stay while another platform on this
 * machine (another state root, another port offset) still has containers in it.
 */
final class Leftovers {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    private Leftovers() {
    }

    static void assertNoneUnder(Path home) {
        assertThat(mountsUnder(home)).as("mounts under %s", home).isEmpty();
        assertThat(processesMentioning(home)).as("processes of %s", home).isEmpty();
        assertThat(cgroupsOfContainersUnder(home)).as("cgroups of the containers of %s", home).isEmpty();
    }

    static List<String> mountsUnder(Path home) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.map(line -> line.split(" ")[4]).filter(mount -> mount.startsWith(home.toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> processesMentioning(Path home) {
        List<String> found = new ArrayList<>();
        // This JVM and the build that started it name the home in their arguments (-Dberth.e2e.home=...).
        java.util.Set<Long> ours = new java.util.HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            ours.add(p.get().pid());
        }
        ProcessHandle.allProcesses().filter(process -> !ours.contains(process.pid())).forEach(process -> process.info().commandLine()
                .filter(line -> line.contains(home.toString()))
                .ifPresent(line -> found.add(process.pid() + " " + line)));
        return found;
    }

    /** Cgroups named after a container whose directory is under {@code home} (down keeps the directories). */
    static List<String> cgroupsOfContainersUnder(Path home) {
        List<String> ids = new ArrayList<>();
        Path containers = home.resolve("containers");
        if (Files.isDirectory(containers)) {
            try (Stream<Path> dirs = Files.list(containers)) {
                dirs.map(dir -> dir.getFileName().toString()).forEach(ids::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> found = new ArrayList<>();
        List<Path> hierarchies = new ArrayList<>(List.of(CGROUPS));
        try (Stream<Path> mounted = Files.list(CGROUPS)) {
            mounted.forEach(hierarchies::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path hierarchy : hierarchies) {
            for (String id : ids) {
                Path cgroup = hierarchy.resolve("berth").resolve(id);
                if (Files.isDirectory(cgroup)) {
                    found.add(cgroup.toString());
                }
            }
        }
        return found;
    }
}
