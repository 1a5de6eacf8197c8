package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.container.ExecSettings;
import io.berth.container.ProcessUser;
import io.berth.kit.api.StrictJson;
import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /containers/{id}/exec}, Docker's {@code ExecConfig} under its JSON names, bound as strictly
 * as dockerd binds it. Every field is honoured but {@code Privileged}, which only {@code false} passes, and
 * {@code Detach}, which dockerd itself ignores at create (the start decides); a field dockerd would ignore because it
 * does not know it is refused, not dropped (ARCHITECTURE rule 9). The one exception is {@code Container}, which
 * docker-py and compose still send (an older ExecConfig had it): it passes when it names the container the path names.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Exec/operation/ContainerExec">ContainerExec</a>
 */
public record ExecCreateRequest(
        @JsonProperty("User") String user,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("ConsoleSize") List<Integer> consoleSize,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("Detach") boolean detach,
        @JsonProperty("DetachKeys") String detachKeys,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Cmd") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> cmd) {

    private static final Set<String> KNOWN = Set.of("user", "privileged", "tty", "consolesize", "attachstdin",
            "attachstdout", "attachstderr", "detach", "detachkeys", "env", "workingdir", "cmd");

    /**
     * Reads and checks a create body for the container the path names as {@code pathRef}; 400 in dockerd's words where
     * dockerd refuses too.
     */
    static ExecSettings read(byte[] body, String pathRef) {
        JsonNode tree = StrictJson.tree(body);
        if (tree == null || !tree.isObject()) {
            throw new InvalidParameterException("No exec command specified");
        }
        JsonNode container = ((ObjectNode) tree).remove("Container");
        if (container != null && !container.isNull() && !container.asText().isEmpty()
                && !container.asText().equals(pathRef)) {
            throw new InvalidParameterException("the body's Container (" + container.asText()
                    + ") is not the container the path names (" + pathRef + ")");
        }
        for (Map.Entry<String, JsonNode> member : tree.properties()) {
            if (!KNOWN.contains(member.getKey().toLowerCase(Locale.ROOT))) {
                throw new InvalidParameterException("Berth does not support " + member.getKey() + " yet");
            }
        }
        ExecCreateRequest request = StrictJson.bind(tree, ExecCreateRequest.class, "ExecConfig");
        if (request.cmd() == null || request.cmd().isEmpty()) {
            throw new InvalidParameterException("No exec command specified");
        }
        if (request.privileged()) {
            throw new InvalidParameterException("Berth does not support Privileged \"true\" yet");
        }
        if (request.user() != null && !request.user().isEmpty()) {
            // Checked now: dockerd would refuse the start of a user it cannot resolve; a name is not resolved yet.
            ProcessUser.of(request.user(), null);
        }
        if (request.detachKeys() != null && !request.detachKeys().isEmpty()) {
            try {
                DetachKeys.parse(request.detachKeys());
            } catch (InvalidParameterException e) {
                // dockerd's words for an exec's keys (moby daemon/exec.go); its status is 500, a client error here.
                throw new InvalidParameterException("Invalid escape keys (" + request.detachKeys() + ") provided");
            }
        }
        int[] size = TerminalSizes.consoleSize(request.consoleSize(), "ConsoleSize");
        return new ExecSettings(request.cmd(), request.env(), request.workingDir(), request.user(), request.tty(),
                request.attachStdin(), request.attachStdout(), request.attachStderr(), request.detachKeys(), size[0],
                size[1]);
    }
}
