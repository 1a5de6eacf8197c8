package io.berth.container.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.kit.api.StrictJson;
import io.berth.kit.errors.InvalidParameterException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges each {@code HostConfig.Mounts} entry member by member, as {@link HonouredFields} judges the rest of a create:
 * the members of Docker's {@code mount.Mount} Berth reads pass (their values are checked when the mount is planned),
 * any other must be at its zero value, so that a member of a newer API ({@code ImageOptions}) is refused, never
 * dropped.
 */
final class MountSpecs {
    /** Members by struct, in lower case; a member naming a struct here is judged the same way. */
    private static final Map<String, Set<String>> MEMBERS = Map.of(
            "mount", Set.of("type", "source", "target", "readonly", "consistency", "bindoptions", "volumeoptions",
                    "tmpfsoptions"),
            "bindoptions", Set.of("propagation", "nonrecursive", "createmountpoint", "readonlynonrecursive",
                    "readonlyforcerecursive"),
            "volumeoptions", Set.of("nocopy", "labels", "driverconfig", "subpath"),
            "driverconfig", Set.of("name", "options"),
            "tmpfsoptions", Set.of("sizebytes", "mode", "options"));

    private MountSpecs() {
    }

    static void check(JsonNode hostConfig) {
        JsonNode mounts = hostConfig == null ? null : StrictJson.member(hostConfig, "Mounts");
        if (mounts == null || !mounts.isArray()) {
            return;
        }
        for (JsonNode mount : mounts) {
            check("HostConfig.Mounts", "mount", mount);
        }
    }

    private static void check(String path, String struct, JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey().toLowerCase(Locale.ROOT);
            String memberPath = path + "." + member.getKey();
            if (!MEMBERS.get(struct).contains(name)) {
                if (!HonouredFields.isZero(member.getValue())) {
                    throw new InvalidParameterException("Berth does not support " + memberPath + " yet");
                }
            } else if (MEMBERS.containsKey(name)) {
                check(memberPath, name, member.getValue());
            }
        }
    }
}
