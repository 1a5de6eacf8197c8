package io.berth.image.build.steps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content address of a build step's result, for the build cache: what the classic builder's image cache compares
 * to reuse a step ({@code image/cache/compare.go}) — the parent image, and of the step's container configuration the
 * user, the command (which holds the instruction, the build args of a RUN and the checksum of a COPY's sources), the
 * environment (in order), the labels, exposed ports and volumes (as sets) and the entrypoint — plus the tenant, so
 * that one tenant's build never reuses, and so never sees, what another tenant's RUN produced.
 */
public record StepCacheKey(String digest) {

    public static StepCacheKey of(String tenant, String parentImageId, StageConfig config, List<String> containerCmd,
                                  List<String> entrypoint) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "tenant", tenant);
        field(canonical, "parent", parentImageId);
        field(canonical, "user", config.user());
        list(canonical, "cmd", containerCmd);
        list(canonical, "env", config.env());
        TreeMap<String, String> labels = new TreeMap<>(config.labels());
        list(canonical, "labels", labels.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(),
                e.getValue())).toList());
        list(canonical, "ports", List.copyOf(new TreeSet<>(config.exposedPorts())));
        list(canonical, "entrypoint", entrypoint);
        list(canonical, "volumes", List.copyOf(new TreeSet<>(config.volumes())));
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return new StepCacheKey("sha256:" + HexFormat.of().formatHex(sum));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of a step that keeps the stage's entrypoint (every step but RUN, whose cache probe has none). */
    public static StepCacheKey of(String tenant, String parentImageId, StageConfig config, List<String> containerCmd) {
        return of(tenant, parentImageId, config, containerCmd, config.entrypoint());
    }

    // Length-prefixed fields, so that no two different configurations give the same text.
    private static void field(StringBuilder out, String name, String value) {
        String v = value == null ? "" : value;
        out.append(name).append(':').append(v.length()).append(':').append(v).append(';');
    }

    private static void list(StringBuilder out, String name, List<String> values) {
        // A nil list and an empty one compare equal in Docker's cache.
        values = values == null ? List.of() : values;
        out.append(name).append('[').append(values.size()).append(']');
        values.forEach(v -> field(out, "", v));
    }
}
