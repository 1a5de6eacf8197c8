package io.berth.container.clients;

import java.util.List;

/**
 * The body of the worker's start for a container on networks (docs/internal-api.md): its endpoints and published
 * ports as network-service gave them, and its DNS settings and extra hosts as the create asked.
 */
public record WorkerNetworkPlan(List<NetworkAttachment> attachments, List<NetworkLease.HostPort> ports, List<String> dns,
        List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts) {
}
