package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What {@code ./berth down} must not leave behind: processes, mounts and cgroups of a state root. */
final class Leftovers {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    private Leftovers() {
    }

    static void assertNoneUnder(Path home) {
        assertThat(mountsUnder(home)).as("mounts under %s", home).isEmpty();
        assertThat(processesMentioning(home)).as("processes of %s", home).isEmpty();
        assertThat(berthCgroups()).as("cgroups named berth").isEmpty();
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
        // This JVM and the Maven that started it name the state root in their own arguments (-Dberth.e2e.home).
        java.util.Set<Long> ours = new java.util.HashSet<>();
        for (ProcessHandle process = ProcessHandle.current(); process != null; process = process.parent().orElse(null)) {
            ours.add(process.pid());
        }
        ProcessHandle.allProcesses().filter(process -> !ours.contains(process.pid())).forEach(process -> process.info().commandLine()
                .filter(line -> line.contains(home.toString()))
                .ifPresent(line -> found.add(process.pid() + " " + line)));
        return found;
    }

    static List<String> berthCgroups() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(CGROUPS)) {
            hierarchies.forEach(hierarchy -> {
                Path berth = hierarchy.resolve("berth");
                if (Files.isDirectory(berth)) {
                    found.add(berth.toString());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(CGROUPS.resolve("berth"))) {
            found.add(CGROUPS.resolve("berth").toString());
        }
        return found;
    }
}
