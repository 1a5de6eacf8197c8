package io.berth.worker.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * netavark's input for one network of a container, in netavark's own format (podman's {@code NetworkOptions} with
 * {@code network_info}): the network named by its Berth id, which is unique on the machine and so keeps netavark's
 * chains and aardvark-dns's files apart from every other platform's; Berth gives the addresses ({@code static_ips},
 * network-service's IPAM), so netavark allocates none.
 *
 * @see <a href="https://github.com/containers/netavark/blob/v1.4.0/src/network/types.rs">netavark types.rs</a>
 */
final class NetavarkOptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetavarkOptions() {
    }

    /**
     * The options for {@code attachment} on interface {@code ethN}; {@code ports} go with the container's first
     * network only (netavark forwards them to every network of one call); {@code dns} are the servers aardvark-dns
     * asks for names it does not know.
     */
    static ObjectNode of(String containerId, String containerName, Attachment attachment, String interfaceName,
            List<PortMapping> ports, List<String> dns) {
        Attachment.NetworkFacts network = attachment.network();
        ObjectNode options = JSON.createObjectNode();
        options.put("container_id", containerId);
        options.put("container_name", containerName);
        if (!ports.isEmpty()) {
            ArrayNode mappings = options.putArray("port_mappings");
            for (PortMapping port : ports) {
                mappings.addObject().put("host_ip", port.hostIp()).put("container_port", port.containerPort())
                        .put("host_port", port.hostPort()).put("range", 1).put("protocol", port.protocol());
            }
        }
        ObjectNode perNetwork = options.putObject("networks").putObject(network.id());
        perNetwork.putArray("static_ips").add(attachment.ipv4());
        perNetwork.put("static_mac", attachment.mac());
        perNetwork.put("interface_name", interfaceName);
        if (network.dns()) {
            ArrayNode aliases = perNetwork.putArray("aliases");
            attachment.aliases().forEach(aliases::add);
        }
        ObjectNode info = options.putObject("network_info").putObject(network.id());
        info.put("name", network.id());
        info.put("id", network.id());
        info.put("driver", "bridge");
        info.put("network_interface", network.bridge());
        info.putArray("subnets").addObject().put("subnet", network.subnet()).put("gateway", network.gateway());
        info.put("ipv6_enabled", false);
        info.put("internal", network.internal());
        info.put("dns_enabled", network.dns());
        ObjectNode driverOptions = info.putObject("options");
        // Every Berth bridge is isolated from every other (dockerd's isolation between networks): a container reaches
        // only the networks it is on, and never another tenant's.
        driverOptions.put("isolate", "true");
        if (network.mtu() > 0) {
            driverOptions.put("mtu", Integer.toString(network.mtu()));
        }
        info.putObject("ipam_options").put("driver", "host-local");
        if (!dns.isEmpty()) {
            ArrayNode servers = options.putArray("dns_servers");
            dns.forEach(servers::add);
        }
        return options;
    }
}
