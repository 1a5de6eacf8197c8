package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker network} through the real CLI: Docker's predefined networks, create, inspect, ls, rm, prune, events;
 * containers on networks (names, aliases, endpoint settings, the other network modes, connect and disconnect) and
 * published ports.
 */
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

    @Test
    void containersOnANetworkFindEachOtherByNameAndAliasAndConnectLive() {
        assertThat(docker("network", "create", "nw-app").exitCode()).isZero();
        assertThat(docker("network", "create", "nw-side").exitCode()).isZero();
        try {
            Command.Result server = docker("run", "-d", "--name", "nw-srv", "--network", "nw-app", "--network-alias", "alpha",
                    "busybox", "sh", "-c", "mkdir /www && echo hello > /www/index.html && exec httpd -f -p 80 -h /www");
            assertThat(server.exitCode()).as("%s", server).isZero();

            Command.Result client = docker("run", "--rm", "--network", "nw-app", "busybox", "sh", "-c",
                    "ping -c1 -W2 nw-srv >/dev/null; echo ping $?; nslookup alpha >/dev/null; echo nslookup $?;"
                    + " wget -q -O - http://alpha/");
            assertThat(client.exitCode()).as("%s", client).isZero();
            assertThat(client.stdout()).as("%s", client).contains("ping 0", "nslookup 0", "hello");
            assertThat(docker("inspect", "nw-srv", "--format", "{{(index .NetworkSettings.Networks \"nw-app\").IPAddress}}")
                    .stdout().trim()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(docker("network", "inspect", "nw-app", "--format", "{{range .Containers}}{{.Name}}{{end}}").stdout().trim())
                    .isEqualTo("nw-srv");

            // Another network cannot reach it until it is connected there, live, and again not once disconnected.
            String[] probe = {"run", "--rm", "--network", "nw-side", "busybox", "sh", "-c", fetch("http://nw-srv/")};
            assertThat(docker(probe).exitCode()).isNotZero();
            assertThat(docker("network", "connect", "--alias", "beta", "nw-side", "nw-srv").exitCode()).isZero();
            Command.Result connected = docker(probe);
            assertThat(connected.exitCode()).as("%s", connected).isZero();
            assertThat(docker("network", "rm", "nw-side").stderr()).contains("has active endpoints");
            assertThat(docker("network", "disconnect", "nw-side", "nw-srv").exitCode()).isZero();
            assertThat(docker(probe).exitCode()).isNotZero();
        } finally {
            docker("rm", "-f", "nw-srv");
            docker("network", "rm", "nw-app", "nw-side");
        }
    }

    @Test
    void endpointSettingsEtcFilesAndTheHostNoneAndContainerModes() throws Exception {
        assertThat(docker("network", "create", "nw-opts").exitCode()).isZero();
        try {
            String subnet = docker("network", "inspect", "nw-opts", "--format", "{{range .IPAM.Config}}{{.Subnet}}{{end}}")
                    .stdout().trim();
            String prefix = subnet.substring(0, subnet.lastIndexOf('.') + 1);
            String ip = prefix + "50";
            Command.Result server = docker("run", "-d", "--name", "nw-opt", "--network", "nw-opts", "--ip", ip,
                    "--mac-address", "02:42:ac:11:00:99", "--hostname", "web1", "--dns", "198.51.100.53",
                    "--dns-search", "corp.example", "--add-host", "gw:host-gateway", "--add-host", "db:10.1.2.3", "busybox",
                    "sh", "-c", "mkdir /www && echo shared > /www/index.html && cat /etc/hosts /etc/resolv.conf"
                            + " /sys/class/net/eth0/address && hostname && exec httpd -f -p 80 -h /www");
            assertThat(server.exitCode()).as("%s", server).isZero();
            String log = "";
            for (int i = 0; i < 50 && !log.contains("web1\n"); i++) {
                Thread.sleep(100);
                log = docker("logs", "nw-opt").stdout();
            }
            assertThat(log).as(log).contains("\tgw\n", "10.1.2.3\tdb\n", ip + "\tweb1\n", "search corp.example\n",
                    "nameserver " + prefix + "1\n", "02:42:ac:11:00:99\n", "127.0.0.1\tlocalhost\n");
            assertThat(log).contains(prefix + "1\tgw\n");
            assertThat(docker("inspect", "nw-opt", "--format", "{{.HostConfig.NetworkMode}} {{range $n, $e := .NetworkSettings.Networks}}"
                    + "{{$n}} {{$e.IPAddress}} {{$e.MacAddress}} {{$e.IPAMConfig.IPv4Address}}{{end}} [{{.NetworkSettings.IPAddress}}]")
                    .stdout().trim()).isEqualTo("nw-opts nw-opts " + ip + " 02:42:ac:11:00:99 " + ip + " []");

            // container:<name> shares its namespace: the server answers on the joiner's own loopback.
            Command.Result joined = docker("run", "--rm", "--network", "container:nw-opt", "busybox", "wget", "-q", "-O", "-",
                    "http://127.0.0.1/");
            assertThat(joined.stdout()).as("%s", joined).isEqualTo("shared\n");
            Command.Result taken = docker("run", "--rm", "--network", "nw-opts", "--ip", ip, "busybox", "true");
            assertThat(taken.exitCode()).isNotZero();
            assertThat(taken.stderr()).as("%s", taken).contains("Address already in use");
        } finally {
            docker("rm", "-f", "nw-opt");
            docker("network", "rm", "nw-opts");
        }

        Command.Result none = docker("run", "--rm", "--network", "none", "busybox", "ip", "-o", "link");
        assertThat(none.stdout().lines().map(line -> line.split(":")[1].trim()).toList()).as("%s", none).containsExactly("lo");
        Command.Result host = docker("run", "--rm", "--network", "host", "busybox", "ip", "-o", "link");
        assertThat(host.stdout()).as("%s", host).contains(": " + defaultRouteInterface() + ":");
        Command.Result defaults = docker("run", "--rm", "busybox", "sh", "-c", "ip -o -4 addr show eth0; cat /etc/resolv.conf");
        assertThat(defaults.stdout()).as("%s", defaults).contains("inet ").doesNotContain("nameserver 127.");
    }

    /** The node's interface that carries its default route, which a container on the host's network sees too. */
    private static String defaultRouteInterface() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/route")).stream().skip(1)
                .map(line -> line.trim().split("\\s+")).filter(fields -> fields[1].equals("00000000")).map(fields -> fields[0])
                .findFirst().orElse("lo");
    }

    @Test
    void aPublishedPortAnswersOnLoopbackAndIsNotPublishedTwice() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try {
            Command.Result web = docker("run", "-d", "--name", "nw-web", "-p", "127.0.0.1:" + port + ":80", "busybox", "sh", "-c",
                    "mkdir /www && echo published > /www/index.html && exec httpd -f -p 80 -h /www");
            assertThat(web.exitCode()).as("%s", web).isZero();
            assertThat(docker("port", "nw-web").stdout().trim()).isEqualTo("80/tcp -> 127.0.0.1:" + port);
            assertThat(get("http://127.0.0.1:" + port + "/")).contains("published");

            Command.Result twice = docker("run", "-d", "--name", "nw-web2", "-p", "127.0.0.1:" + port + ":80", "busybox", "sleep", "30");
            assertThat(twice.exitCode()).isNotZero();
            assertThat(twice.stderr()).contains("Bind for 127.0.0.1:" + port + " failed: port is already allocated");

            Command.Result chosen = docker("run", "-d", "--name", "nw-web3", "-p", "127.0.0.1::80", "busybox", "sleep", "30");
            assertThat(chosen.exitCode()).as("%s", chosen).isZero();
            assertThat(docker("port", "nw-web3", "80").stdout().trim()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(docker("ps", "--filter", "name=nw-web3", "--format", "{{.Ports}}").stdout().trim())
                    .matches("127\\.0\\.0\\.1:\\d+->80/tcp");
        } finally {
            docker("rm", "-f", "nw-web", "nw-web2", "nw-web3");
        }
    }

    @Test
    void containersOnDifferentNetworksCannotReachEachOtherAndAnInternalNetworkHasNoWayOut() {
        for (String network : List.of("nw-iso-a", "nw-iso-b")) {
            assertThat(docker("network", "create", network).exitCode()).isZero();
        }
        assertThat(docker("network", "create", "--internal", "nw-iso-int").exitCode()).isZero();
        try {
            Command.Result server = docker("run", "-d", "--name", "nw-iso", "--network", "nw-iso-a", "busybox", "sh", "-c",
                    "mkdir -p /www && echo iso > /www/index.html && exec httpd -f -p 80 -h /www");
            assertThat(server.exitCode()).as("%s", server).isZero();
            String ip = docker("inspect", "nw-iso", "--format", "{{(index .NetworkSettings.Networks \"nw-iso-a\").IPAddress}}")
                    .stdout().trim();

            Command.Result same = docker("run", "--rm", "--network", "nw-iso-a", "busybox", "sh", "-c", fetch("http://" + ip + "/"));
            assertThat(same.stdout()).as("%s", same).isEqualTo("iso\n");
            Command.Result other = docker("run", "--rm", "--network", "nw-iso-b", "busybox", "sh", "-c", fetch("http://" + ip + "/"));
            assertThat(other.exitCode()).as("%s", other).isNotZero();
            assertThat(other.stdout()).isEmpty();

            // No default route: nothing leaves an internal network (and nothing is sent to try).
            Command.Result routes = docker("run", "--rm", "--network", "nw-iso-int", "busybox", "ip", "route");
            assertThat(routes.exitCode()).as("%s", routes).isZero();
            assertThat(routes.stdout()).as("%s", routes).contains("dev eth0").doesNotContain("default");
        } finally {
            docker("rm", "-f", "nw-iso");
            docker("network", "rm", "nw-iso-a", "nw-iso-b", "nw-iso-int");
        }
    }

    @Test
    void rangesUdpPublishAllAndTheHostPortFromAnotherContainerAndAStopReleasesIt() throws Exception {
        int web = freePort();
        int range = freePort();
        int udp = freePort();
        String serve = "mkdir -p /www && echo %s > /www/index.html && exec httpd -f -p 80 -h /www";
        try {
            Command.Result run = docker("run", "-d", "--name", "nw-ports", "-p", web + ":80", "-p", "127.0.0.1:" + range + "-"
                    + (range + 9) + ":8080", "-p", "127.0.0.1:" + udp + ":53/udp", "--expose", "7000", "-P", "busybox", "sh", "-c",
                    String.format(serve, "first"));
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(docker("port", "nw-ports").stdout().lines().toList()).contains(
                    "53/udp -> 127.0.0.1:" + udp, "80/tcp -> 0.0.0.0:" + web, "8080/tcp -> 127.0.0.1:" + range).hasSize(4);
            assertThat(docker("port", "nw-ports", "7000/tcp").stdout().trim()).matches("0\\.0\\.0\\.0:\\d+");
            assertThat(get("http://127.0.0.1:" + web + "/")).isEqualTo("first\n");

            // Another container reaches it through the host's port, on its own network's gateway.
            String gateway = docker("network", "inspect", "bridge", "--format", "{{range .IPAM.Config}}{{.Gateway}}{{end}}")
                    .stdout().trim();
            Command.Result through = docker("run", "--rm", "busybox", "sh", "-c", fetch("http://" + gateway + ":" + web + "/"));
            assertThat(through.stdout()).as("%s", through).isEqualTo("first\n");

            // A stopped container's ports are free for another; its next start needs them back.
            assertThat(docker("stop", "-t", "1", "nw-ports").exitCode()).isZero();
            assertThat(docker("run", "-d", "--name", "nw-ports2", "-p", web + ":80", "busybox", "sh", "-c",
                    String.format(serve, "second")).exitCode()).isZero();
            assertThat(get("http://127.0.0.1:" + web + "/")).isEqualTo("second\n");
            Command.Result taken = docker("start", "nw-ports");
            assertThat(taken.stderr()).as("%s", taken).contains("Bind for 0.0.0.0:" + web + " failed: port is already allocated");
            assertThat(docker("rm", "-f", "nw-ports2").exitCode()).isZero();
            assertThat(docker("start", "nw-ports").exitCode()).isZero();
            assertThat(get("http://127.0.0.1:" + web + "/")).isEqualTo("first\n");
        } finally {
            docker("rm", "-f", "nw-ports", "nw-ports2");
        }
    }

    /**
     * A shell line that prints what {@code url} answers within 3 s and fails otherwise. busybox-static's wget crashes
     * with {@code -T}, so busybox's timeout bounds it; not as the container's PID 1, which ignores the signal.
     */
    private static String fetch(String url) {
        return "timeout 3 wget -q -O - " + url + " || exit 7";
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** The body of a GET from this machine's loopback, retried while the server comes up. */
    static String get(String url) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; ; i++) {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                if (i > 50) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }
}
