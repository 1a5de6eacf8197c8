package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.kit.api.StrictJson;
import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /exec/{id}/start}, Docker's {@code ExecStartCheck}: detached or attached, whether the
 * attached stream is raw ({@code Tty}: dockerd frames the output unless the start says so, whatever the create said),
 * and the terminal's size now. An empty body asks for the defaults.
 */
record ExecStartRequest(
        @JsonProperty("Detach") boolean detach,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("ConsoleSize") List<Integer> consoleSize) {

    private static final Set<String> KNOWN = Set.of("detach", "tty", "consolesize");

    static ExecStartRequest read(byte[] body) {
        JsonNode tree = body == null || body.length == 0 ? null : StrictJson.tree(body);
        if (tree == null) {
            return new ExecStartRequest(false, false, null);
        }
        if (!tree.isObject()) {
            throw new InvalidParameterException("the body must be an ExecStartCheck object");
        }
        for (Map.Entry<String, JsonNode> member : tree.properties()) {
            if (!KNOWN.contains(member.getKey().toLowerCase(Locale.ROOT))) {
                throw new InvalidParameterException("Berth does not support " + member.getKey() + " yet");
            }
        }
        ExecStartRequest request = StrictJson.bind(tree, ExecStartRequest.class, "ExecStartCheck");
        TerminalSizes.consoleSize(request.consoleSize(), "ConsoleSize");
        return request;
    }

    /** The size the start gives the terminal, [rows, columns]; {0, 0} for none. */
    int[] size() {
        return TerminalSizes.consoleSize(consoleSize, "ConsoleSize");
    }
}
