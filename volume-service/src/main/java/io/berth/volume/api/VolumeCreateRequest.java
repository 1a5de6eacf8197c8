package io.berth.volume.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.kit.api.StrictJson;
import io.berth.kit.errors.InvalidParameterException;
import java.util.Map;
import java.util.Set;

/**
 * Body of {@code POST /volumes/create}, Docker's {@code VolumeCreateOptions}. Bound strictly (a wrong type is a 400
 * naming the field); a member Berth does not act on, {@code ClusterVolumeSpec} among them (swarm's cluster volumes),
 * is refused when it is set rather than dropped.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Volume/operation/VolumeCreate">VolumeCreate</a>
 */
record VolumeCreateRequest(
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("DriverOpts") Map<String, String> driverOpts,
        @JsonProperty("Labels") Map<String, String> labels) {

    private static final Set<String> MEMBERS = Set.of("name", "driver", "driveropts", "labels");

    static VolumeCreateRequest read(byte[] body) {
        JsonNode tree = StrictJson.tree(body);
        if (tree == null) {
            // dockerd's words for a create without a body (moby httputils.ReadJSON).
            throw new InvalidParameterException("got EOF while reading request body");
        }
        if (!tree.isObject()) {
            throw new InvalidParameterException("json: cannot unmarshal " + tree.getNodeType().name().toLowerCase()
                    + " into VolumeCreateOptions of type object");
        }
        for (Map.Entry<String, JsonNode> member : tree.properties()) {
            if (!MEMBERS.contains(member.getKey().toLowerCase()) && !isZero(member.getValue())) {
                throw new InvalidParameterException("Berth does not support " + member.getKey() + " yet");
            }
        }
        return StrictJson.bind(tree, VolumeCreateRequest.class, "VolumeCreateOptions");
    }

    /** Go's zero values, as clients write a member they leave unset. */
    private static boolean isZero(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())
                || (value.isNumber() && value.decimalValue().signum() == 0) || (value.isBoolean() && !value.asBoolean())
                || (value.isContainerNode() && value.isEmpty());
    }
}
