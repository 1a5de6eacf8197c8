package io.berth.image.build.steps;

import io.berth.kit.errors.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ports one EXPOSE word stands for, as Docker's {@code nat.ParsePortSpec} reads it:
 * {@code [ip:[hostPort:]]port[-end][/proto]}, protocol {@code tcp} by default; {@code 7000-7001} is two ports.
 *
 * @see <a href="https://github.com/docker/go-connections/blob/v0.4.0/nat/nat.go">go-connections nat</a>
 */
final class PortSpecs {
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    private PortSpecs() {}

    static List<String> parse(String spec) {
        String containerPort = spec;
        int colon = spec.lastIndexOf(':');
        if (colon >= 0 && !spec.endsWith("]")) {
            containerPort = spec.substring(colon + 1);
        }
        String proto = "tcp";
        String port = containerPort;
        String[] parts = containerPort.split("/", -1);
        if (containerPort.isEmpty() || parts[0].isEmpty()) {
            port = "";
        } else if (parts.length > 1 && !parts[1].isEmpty()) {
            proto = parts[1];
            port = parts[0];
        } else {
            port = parts[0];
        }
        if (port.isEmpty()) {
            throw new InvalidParameterException("No port specified: " + spec + "<empty>");
        }
        int start;
        int end;
        try {
            int dash = port.indexOf('-');
            start = portNumber(dash < 0 ? port : port.substring(0, dash));
            end = dash < 0 ? start : portNumber(port.substring(dash + 1));
            if (end < start) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("Invalid containerPort: " + port);
        }
        if (!PROTOCOLS.contains(proto.toLowerCase(Locale.ROOT))) {
            throw new InvalidParameterException("Invalid proto: " + proto);
        }
        List<String> ports = new ArrayList<>();
        for (int p = start; p <= end; p++) {
            ports.add(p + "/" + proto.toLowerCase(Locale.ROOT));
        }
        return ports;
    }

    private static int portNumber(String s) {
        int p = Integer.parseInt(s);
        if (p < 0 || p > 65535) {
            throw new NumberFormatException();
        }
        return p;
    }
}
