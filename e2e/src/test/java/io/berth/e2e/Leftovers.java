package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code ./berth down} must not leave behind: processes (aardvark-dns included), mounts, cgroups and network
 * namespaces of a state root, and the bridges and iptables/nftables rules of its networks. Its containers'
 * cgroups are {@code <hierarchy>/berth/<id>}; the {@code berth} parent itself may stay while another platform on this
 * machine (another state root, another port offset) still has containers in it.
 */
final class Leftovers {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    private Leftovers() {
    }

    /** One of the platform's networks as the node has it: its Linux bridge and its subnet. */
    record Network(String bridge, String subnet) {
    }

    static void assertNoneUnder(Path home, List<Network> networks) {
        assertThat(mountsUnder(home)).as("mounts under %s", home).isEmpty();
        assertThat(processesMentioning(home)).as("processes of %s", home).isEmpty();
        assertThat(cgroupsOfContainersUnder(home)).as("cgroups of the containers of %s", home).isEmpty();
        assertThat(namespacesUnder(home)).as("network namespaces of %s", home).isEmpty();
        String links = node("ip", "-o", "link", "show");
        String rules = node("iptables-save") + node("nft", "list", "ruleset");
        for (Network network : networks) {
            assertThat(links).as("the bridge of %s", network).doesNotContain(" " + network.bridge() + ":");
            assertThat(rules).as("iptables/nftables rules of %s", network).doesNotContain(network.subnet());
        }
    }

    /**
     * The platform's networks, asked before it goes down: every bridge network's bridge (Berth names it {@code
     * br-<12 of the id>} unless the create named it) and subnet.
     */
    static List<Network> networksOf() {
        Command.Result listed = Berth.docker("network", "ls", "-q");
        List<Network> networks = new ArrayList<>();
        if (listed.exitCode() != 0) {
            // Already down (a suite that failed half way through a restart): nothing to ask, only processes to check.
            return networks;
        }
        for (String id : listed.stdout().lines().filter(line -> !line.isBlank()).toList()) {
            Command.Result facts = Berth.docker("network", "inspect", "--format", "{{.Id}}|{{.Driver}}|"
                    + "{{index .Options \"com.docker.network.bridge.name\"}}|{{range .IPAM.Config}}{{.Subnet}}{{end}}", id);
            String[] fields = facts.stdout().trim().split("\\|", -1);
            if (fields.length == 4 && fields[1].equals("bridge") && !fields[3].isEmpty()) {
                boolean named = !fields[2].isEmpty() && !fields[2].equals("<no value>");
                networks.add(new Network(named ? fields[2] : "br-" + fields[0].substring(0, 12), fields[3]));
            }
        }
        return networks;
    }

    /** The network namespaces the worker bound under the state root ({@code netns/<id>}) that are still there. */
    static List<String> namespacesUnder(Path home) {
        Path netns = home.resolve("netns");
        if (!Files.isDirectory(netns)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(netns)) {
            return entries.map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String node(String... command) {
        return Command.run(Map.of(), Duration.ofSeconds(30), List.of(command)).stdout();
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
