package io.berth.worker.network;

import java.util.List;

/**
 * How a run's network is set up, the body of a start (docs/internal-api.md): the container's endpoints (the first
 * carries the default route and the published ports), its published ports, the DNS servers, search domains and
 * options Docker's {@code --dns*} give, and extra {@code /etc/hosts} lines ({@code --add-host name:ip}).
 */
public record NetworkPlan(List<Attachment> attachments, List<PortMapping> ports, List<String> dns,
        List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts) {

    public NetworkPlan {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        ports = ports == null ? List.of() : List.copyOf(ports);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    public static NetworkPlan none() {
        return new NetworkPlan(null, null, null, null, null, null);
    }

    /** The plan with one more endpoint, as a live connect leaves it. */
    NetworkPlan with(Attachment added) {
        List<Attachment> more = new java.util.ArrayList<>(attachments);
        more.add(added);
        return new NetworkPlan(more, ports, dns, dnsSearch, dnsOptions, extraHosts);
    }

    /** The plan without the endpoint on {@code networkId}, as a live disconnect leaves it. */
    NetworkPlan without(String networkId) {
        return new NetworkPlan(attachments.stream().filter(a -> !a.network().id().equals(networkId)).toList(), ports,
                dns, dnsSearch, dnsOptions, extraHosts);
    }
}
