package io.berth.network.endpoints;

import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a container's published ports their host ports on the node, as dockerd's port allocator does: a given port
 * must be free, a range takes its first free port, none takes the first free one of the ephemeral range. A port held
 * on every address ({@code hostIp ""}) conflicts with the same port on any single address, and the other way round.
 *
 * @see <a href="https://github.com/moby/moby/blob/v27.5.1/libnetwork/portallocator/portallocator.go">moby portallocator</a>
 */
public final class HostPorts {
    /** Linux's default ip_local_port_range, where dockerd takes ports nobody asked for by number. */
    static final int EPHEMERAL_FIRST = 32768;
    static final int EPHEMERAL_LAST = 60999;
    private static final Pattern PORT_OR_RANGE = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");

    private HostPorts() {
    }

    /** A port in use on the node: protocol, address ({@code ""} for every one) and number. */
    public record Held(String protocol, String hostIp, int hostPort) {
        boolean clashes(String otherProtocol, String otherIp, int otherPort) {
            return protocol.equals(otherProtocol) && hostPort == otherPort
                    && (hostIp.isEmpty() || otherIp.isEmpty() || hostIp.equals(otherIp));
        }
    }

    /** The mappings for the requests, given the ports held on the node now; 500 in dockerd's words on a clash. */
    public static List<PortMapping> allocate(List<PortRequest> requests, List<Held> held) {
        List<Held> taken = new ArrayList<>(held);
        List<PortMapping> mappings = new ArrayList<>();
        for (PortRequest request : requests) {
            String protocol = request.protocol();
            if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
                throw new InvalidParameterException("invalid proto '" + protocol + "'");
            }
            String hostIp = request.hostIp().equals("0.0.0.0") ? "" : request.hostIp();
            int port = pick(request, protocol, hostIp, taken);
            taken.add(new Held(protocol, hostIp, port));
            mappings.add(new PortMapping(request.containerPort(), protocol, hostIp, port));
        }
        return mappings;
    }

    private static int pick(PortRequest request, String protocol, String hostIp, List<Held> taken) {
        int first = EPHEMERAL_FIRST;
        int last = EPHEMERAL_LAST;
        boolean fixed = false;
        if (!request.hostPort().isEmpty()) {
            Matcher parsed = PORT_OR_RANGE.matcher(request.hostPort());
            if (!parsed.matches()) {
                throw new InvalidParameterException("invalid port specification: \"" + request.hostPort() + "\"");
            }
            first = Integer.parseInt(parsed.group(1));
            last = parsed.group(2) == null ? first : Integer.parseInt(parsed.group(2));
            fixed = parsed.group(2) == null;
            if (first < 1 || last > 65535 || first > last) {
                throw new InvalidParameterException("invalid port specification: \"" + request.hostPort() + "\"");
            }
        }
        for (int port = first; port <= last; port++) {
            int candidate = port;
            if (taken.stream().noneMatch(h -> h.clashes(protocol, hostIp, candidate))) {
                return candidate;
            }
        }
        if (fixed || !request.hostPort().isEmpty()) {
            // moby's ErrPortAlreadyAllocated, inside the bridge driver's "Bind for ... failed" (a 500 in dockerd).
            throw new InternalException("Bind for " + (hostIp.isEmpty() ? "0.0.0.0" : hostIp) + ":" + request.hostPort()
                    + " failed: port is already allocated");
        }
        throw new UnavailableException("no available ports for " + protocol + " in " + EPHEMERAL_FIRST + "-" + EPHEMERAL_LAST);
    }
}
