package io.berth.worker.network;

import io.berth.worker.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname} a container sees, kept in its directory
 * and bind-mounted over the image's, written as dockerd writes them: localhost lines, the {@code --add-host} lines and
 * the container's own address in hosts; on a network where names resolve, the network's gateway (aardvark-dns) as
 * name server, else the node's name servers less loopback ones (dockerd's fallback when none is left).
 *
 * @see <a href="https://docs.docker.com/engine/network/#dns-services">Docker DNS services</a>
 */
public final class EtcFiles {
    /** dockerd's default hosts lines (moby libnetwork/etchosts). */
    static final String LOCALHOST = """
            127.0.0.1	localhost
            ::1	localhost ip6-localhost ip6-loopback
            fe00::0	ip6-localnet
            ff00::0	ip6-mcastprefix
            ff02::1	ip6-allnodes
            ff02::2	ip6-allrouters
            """;
    /** What dockerd writes when the node has no name server a container can reach (moby libnetwork/resolvconf). */
    static final List<String> FALLBACK_NAMESERVERS = List.of("8.8.8.8", "8.8.4.4");
    private static final Path NODE_RESOLV_CONF = Path.of("/etc/resolv.conf");

    private EtcFiles() {
    }

    public static Path hosts(Path containerDir) {
        return containerDir.resolve("hosts");
    }

    public static Path resolvConf(Path containerDir) {
        return containerDir.resolve("resolv.conf");
    }

    public static Path hostname(Path containerDir) {
        return containerDir.resolve("hostname");
    }

    /** Writes the three files for a container named {@code hostname} on the endpoints of {@code plan}. */
    public static void write(Path containerDir, String hostname, NetworkPlan plan, boolean hostNetwork) {
        Files2.writeAtomically(hostname(containerDir), utf8(hostname + "\n"));
        Files2.writeAtomically(hosts(containerDir), utf8(hostsFile(hostname, plan, hostNetwork)));
        Files2.writeAtomically(resolvConf(containerDir), utf8(resolvConf(plan, nodeResolvConf(), hostNetwork)));
    }

    static String hostsFile(String hostname, NetworkPlan plan, boolean hostNetwork) {
        if (hostNetwork) {
            // On the node's network a container sees the node's own hosts file, as with dockerd.
            try {
                return Files.readString(Path.of("/etc/hosts"));
            } catch (IOException e) {
                return LOCALHOST;
            }
        }
        StringBuilder text = new StringBuilder(LOCALHOST);
        String gateway = plan.attachments().isEmpty() ? "127.0.0.1" : plan.attachments().getFirst().network().gateway();
        for (String extra : plan.extraHosts()) {
            int colon = extra.indexOf(':');
            String name = extra.substring(0, colon);
            String address = extra.substring(colon + 1);
            // dockerd's special address: the host, as the container's network reaches it.
            text.append("host-gateway".equals(address) ? gateway : address).append('\t').append(name).append('\n');
        }
        if (!plan.attachments().isEmpty()) {
            text.append(plan.attachments().getFirst().ipv4()).append('\t').append(hostname).append('\n');
        }
        return text.toString();
    }

    static String resolvConf(NetworkPlan plan, String node, boolean hostNetwork) {
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : node.lines().map(String::trim).toList()) {
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                continue;
            }
            switch (words[0]) {
                case "nameserver" -> servers.add(words[1]);
                case "search", "domain" -> search.addAll(List.of(words).subList(1, words.length));
                case "options" -> options.addAll(List.of(words).subList(1, words.length));
                default -> {
                }
            }
        }
        List<String> dnsGateways = plan.attachments().stream().filter(a -> a.network().dns())
                .map(a -> a.network().gateway()).distinct().toList();
        List<String> nameservers;
        if (!dnsGateways.isEmpty()) {
            // aardvark-dns answers on the gateway; it forwards the rest to --dns or the node's servers itself.
            nameservers = dnsGateways;
        } else if (!plan.dns().isEmpty()) {
            nameservers = plan.dns();
        } else if (hostNetwork) {
            nameservers = servers;
        } else {
            // A container's loopback is its own: the node's 127.x name servers cannot answer it.
            nameservers = servers.stream().filter(server -> !server.startsWith("127.") && !server.equals("::1")).toList();
            if (nameservers.isEmpty()) {
                nameservers = FALLBACK_NAMESERVERS;
            }
        }
        StringBuilder text = new StringBuilder();
        List<String> searchLine = plan.dnsSearch().isEmpty() ? search : plan.dnsSearch();
        if (!searchLine.isEmpty() && !searchLine.equals(List.of("."))) {
            text.append("search ").append(String.join(" ", searchLine)).append('\n');
        }
        nameservers.forEach(server -> text.append("nameserver ").append(server).append('\n'));
        List<String> optionsLine = plan.dnsOptions().isEmpty() ? options : plan.dnsOptions();
        if (!optionsLine.isEmpty()) {
            text.append("options ").append(String.join(" ", optionsLine)).append('\n');
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String nodeResolvConf() {
        try {
            return Files.exists(NODE_RESOLV_CONF) ? Files.readString(NODE_RESOLV_CONF) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
