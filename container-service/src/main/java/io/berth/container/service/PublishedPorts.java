package io.berth.container.service;

import io.berth.container.ContainerNetworking;
import io.berth.container.clients.NetworkClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ports a start asks network-service to publish, as dockerd reads them: every binding of
 * {@code HostConfig.PortBindings}, and with {@code PublishAllPorts} ({@code -P}) every exposed port without one on a
 * free host port of every address.
 */
final class PublishedPorts {
    private PublishedPorts() {
    }

    static List<NetworkClient.PortRequest> of(ContainerNetworking networking, java.util.Collection<String> imageExposed) {
        List<NetworkClient.PortRequest> requests = new ArrayList<>();
        for (Map.Entry<String, List<ContainerNetworking.PortBinding>> entry : new java.util.TreeMap<>(networking.portBindings()).entrySet()) {
            for (ContainerNetworking.PortBinding binding : entry.getValue()) {
                requests.add(request(entry.getKey(), binding));
            }
        }
        if (networking.publishAllPorts()) {
            TreeSet<String> exposed = new TreeSet<>(networking.exposedPorts());
            exposed.addAll(imageExposed);
            for (String port : exposed) {
                if (networking.portBindings().getOrDefault(port, List.of()).isEmpty()) {
                    requests.add(request(port, new ContainerNetworking.PortBinding("", "")));
                }
            }
        }
        return requests;
    }

    private static NetworkClient.PortRequest request(String key, ContainerNetworking.PortBinding binding) {
        String[] portAndProtocol = key.split("/", 2);
        return new NetworkClient.PortRequest(Integer.parseInt(portAndProtocol[0]),
                portAndProtocol.length > 1 ? portAndProtocol[1] : "tcp", binding.hostIp(), binding.hostPort());
    }
}
