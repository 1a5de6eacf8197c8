package io.berth.network.endpoints;

import java.util.List;

/** What a container's start was given: its endpoints on its networks and the host ports published to it. */
public record Lease(List<Attachment> attachments, List<PortMapping> ports) {
    public Lease {
        attachments = List.copyOf(attachments);
        ports = List.copyOf(ports);
    }
}
