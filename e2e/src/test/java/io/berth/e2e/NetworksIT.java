package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docker network} through the real CLI: Docker's predefined networks, create, inspect, ls, rm, prune, events. */
@ExtendWith(Berth.class)
class NetworksIT {
    @Test
    void networkLsShowsDockersDefaults() {
        Command.Result ls = docker("network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}");

        assertThat(ls.exitCode()).as("%s", ls).isZero();
        assertThat(ls.stdout().lines()).contains("bridge bridge local", "host host local", "none null local");
    }

    @Test
    void inspectingAMissingNetworkSaysSo() {
        Command.Result inspect = docker("network", "inspect", "nosuch");

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stderr()).contains("network nosuch not found");
    }

    @Test
    void createInspectListAndRemoveAsTheCliDoes() {
        Command.Result create = docker("network", "create", "--label", "suite=networks", "--internal", "nw-made");
        assertThat(create.exitCode()).as("%s", create).isZero();
        String id = create.stdout().trim();

        Command.Result inspect = docker("network", "inspect", "nw-made", "--format",
                "{{.Id}} {{.Driver}} {{.Internal}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}");
        assertThat(inspect.stdout().trim()).matches(id + " bridge true \\d+\\.\\d+\\.\\d+\\.0/\\d+ \\d+\\.\\d+\\.\\d+\\.1");
        assertThat(docker("network", "ls", "--filter", "label=suite=networks", "--format", "{{.Name}}").stdout().trim())
                .isEqualTo("nw-made");
        Command.Result again = docker("network", "create", "nw-made");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("network with name nw-made already exists");

        assertThat(docker("network", "rm", "nw-made").exitCode()).isZero();
        assertThat(docker("network", "inspect", "nw-made").stderr()).contains("network nw-made not found");
        assertThat(networkEvents(id, 2)).containsExactly("network create nw-made bridge", "network destroy nw-made bridge");
    }

    @Test
    void refusesWhatItCannotMakeAndMakesNothing() {
        Command.Result subnet = docker("network", "create", "--subnet", "10.99.0.0/24", "nw-first");
        assertThat(subnet.exitCode()).as("%s", subnet).isZero();
        try {
            Command.Result overlap = docker("network", "create", "--subnet", "10.99.0.128/25", "nw-overlap");
            assertThat(overlap.stderr()).contains("Pool overlaps with other one on this address space");
            Command.Result ipv6 = docker("network", "create", "--ipv6", "nw-v6");
            assertThat(ipv6.stderr()).contains("Berth does not support IPv6 networks yet");
            Command.Result overlay = docker("network", "create", "--driver", "overlay", "nw-overlay");
            assertThat(overlay.stderr()).contains("Berth has no multi-node network driver yet");
            assertThat(docker("network", "rm", "bridge").stderr()).contains("bridge is a pre-defined network and cannot be removed");

            assertThat(docker("network", "ls", "--format", "{{.Name}}").stdout().lines())
                    .doesNotContain("nw-overlap", "nw-v6", "nw-overlay");
        } finally {
            docker("network", "rm", "nw-first");
        }
    }

    /**
     * What {@code docker events} shows of one network, once it holds {@code count} events: the outbox relay publishes
     * a moment after the change commits.
     */
    static List<String> networkEvents(String id, int count) {
        List<String> lines = List.of();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos(); System.nanoTime() < deadline;) {
            lines = docker("events", "--since", "5m", "--until", "0s", "--filter", "type=network", "--filter",
                    "network=" + id, "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}")
                    .stdout().lines().toList();
            if (lines.size() >= count) {
                return lines;
            }
        }
        return lines;
    }

    @Test
    void pruneRemovesUnusedUserNetworks() {
        assertThat(docker("network", "create", "--label", "prune=me", "nw-prune-a").exitCode()).isZero();
        assertThat(docker("network", "create", "nw-prune-kept").exitCode()).isZero();
        try {
            Command.Result prune = docker("network", "prune", "--force", "--filter", "label=prune=me");

            assertThat(prune.exitCode()).as("%s", prune).isZero();
            assertThat(prune.stdout()).contains("Deleted Networks:", "nw-prune-a").doesNotContain("nw-prune-kept");
            assertThat(docker("network", "ls", "--format", "{{.Name}}").stdout().lines()).contains("nw-prune-kept", "bridge");
        } finally {
            docker("network", "rm", "nw-prune-kept");
        }
    }
}
