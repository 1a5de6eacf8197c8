package io.berth.image.build.steps;

import io.berth.image.build.dockerfile.HealthConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The image configuration a classic build step records, byte for byte in Docker Engine's format: top-level keys
 * sorted ({@code architecture}, {@code author}, {@code config}, {@code container}, {@code container_config},
 * {@code created}, {@code docker_version}, {@code history}, {@code os}, {@code rootfs}), {@code config} and
 * {@code container_config} as Docker's {@code container.Config} in its field order (nil lists and maps as
 * {@code null}, {@code ExposedPorts} and {@code Healthcheck} left out when empty, durations in nanoseconds), times in
 * RFC 3339 with nanoseconds, Go's JSON escapes. Its sha256 is the image id; {@code docker inspect} reads it back.
 */
public final class ClassicImageConfig {
    private ClassicImageConfig() {}

    /** One line of an image's history. */
    public record History(Instant created, String author, String createdBy, String comment, boolean emptyLayer) {}

    /**
     * The configuration of an image made by a step.
     *
     * @param config the stage's configuration after the step
     * @param parentId the parent image ({@code config.Image}), {@code ""} for scratch
     * @param containerCmd the step's command, for {@code container_config.Cmd}
     * @param history the parent's history plus this step's line
     * @param diffIds the parent's layers plus this step's, bottom first
     */
    public static byte[] write(StageConfig config, String parentId, List<String> containerCmd, Instant created,
                               String dockerVersion, List<History> history, List<String> diffIds) {
        return write(config, parentId, containerCmd, created, dockerVersion, history, diffIds, null);
    }

    /** The same with the image's {@code comment} ({@code docker import --message}, {@code docker commit -m}). */
    public static byte[] write(StageConfig config, String parentId, List<String> containerCmd, Instant created,
                               String dockerVersion, List<History> history, List<String> diffIds, String comment) {
        StringBuilder j = new StringBuilder("{");
        j.append("\"architecture\":\"amd64\"");
        if (!config.author().isEmpty()) {
            j.append(",\"author\":").append(BuildMessages.json(config.author()));
        }
        optional(j, "comment", comment);
        j.append(",\"config\":");
        containerConfig(j, config, config.cmd(), parentId);
        j.append(",\"container_config\":");
        containerConfig(j, config, containerCmd, parentId);
        j.append(",\"created\":").append(BuildMessages.json(time(created)));
        j.append(",\"docker_version\":").append(BuildMessages.json(dockerVersion));
        j.append(",\"history\":[");
        for (int i = 0; i < history.size(); i++) {
            History h = history.get(i);
            j.append(i == 0 ? "" : ",").append("{\"created\":").append(BuildMessages.json(time(h.created())));
            optional(j, "author", h.author());
            optional(j, "created_by", h.createdBy());
            optional(j, "comment", h.comment());
            if (h.emptyLayer()) {
                j.append(",\"empty_layer\":true");
            }
            j.append('}');
        }
        j.append("],\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"");
        if (!diffIds.isEmpty()) {
            j.append(",\"diff_ids\":");
            strings(j, diffIds);
        }
        return j.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void containerConfig(StringBuilder j, StageConfig c, List<String> cmd, String parentId) {
        j.append("{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":").append(BuildMessages.json(c.user()));
        j.append(",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false");
        if (!c.exposedPorts().isEmpty()) {
            j.append(",\"ExposedPorts\":");
            set(j, c.exposedPorts());
        }
        j.append(",\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":");
        strings(j, c.env().isEmpty() ? null : c.env());
        j.append(",\"Cmd\":");
        strings(j, cmd);
        if (c.healthcheck() != null) {
            j.append(",\"Healthcheck\":");
            health(j, c.healthcheck());
        }
        j.append(",\"Image\":").append(BuildMessages.json(parentId));
        j.append(",\"Volumes\":");
        if (c.volumes().isEmpty()) {
            j.append("null");
        } else {
            set(j, c.volumes());
        }
        j.append(",\"WorkingDir\":").append(BuildMessages.json(c.workingDir()));
        j.append(",\"Entrypoint\":");
        strings(j, c.entrypoint());
        j.append(",\"OnBuild\":");
        strings(j, c.onBuild().isEmpty() ? null : c.onBuild());
        j.append(",\"Labels\":");
        if (c.labels().isEmpty()) {
            j.append("null");
        } else {
            j.append('{');
            int i = 0;
            for (Map.Entry<String, String> e : c.labels().entrySet()) {
                j.append(i++ == 0 ? "" : ",").append(BuildMessages.json(e.getKey())).append(':')
                        .append(BuildMessages.json(e.getValue()));
            }
            j.append('}');
        }
        if (!c.stopSignal().isEmpty()) {
            j.append(",\"StopSignal\":").append(BuildMessages.json(c.stopSignal()));
        }
        if (c.shell() != null && !c.shell().isEmpty()) {
            j.append(",\"Shell\":");
            strings(j, c.shell());
        }
        j.append('}');
    }

    private static void health(StringBuilder j, HealthConfig h) {
        j.append("{\"Test\":");
        strings(j, h.test());
        if (!h.interval().isZero()) {
            j.append(",\"Interval\":").append(h.interval().toNanos());
        }
        if (!h.timeout().isZero()) {
            j.append(",\"Timeout\":").append(h.timeout().toNanos());
        }
        if (!h.startPeriod().isZero()) {
            j.append(",\"StartPeriod\":").append(h.startPeriod().toNanos());
        }
        if (h.retries() != 0) {
            j.append(",\"Retries\":").append(h.retries());
        }
        j.append('}');
    }

    private static void optional(StringBuilder j, String key, String value) {
        if (value != null && !value.isEmpty()) {
            j.append(",\"").append(key).append("\":").append(BuildMessages.json(value));
        }
    }

    private static void strings(StringBuilder j, List<String> values) {
        if (values == null) {
            j.append("null");
            return;
        }
        j.append('[');
        for (int i = 0; i < values.size(); i++) {
            j.append(i == 0 ? "" : ",").append(BuildMessages.json(values.get(i)));
        }
        j.append(']');
    }

    /** A Go {@code map[string]struct{}}: {@code {"80/tcp":{}}}, keys sorted. */
    private static void set(StringBuilder j, Collection<String> keys) {
        j.append('{');
        int i = 0;
        for (String k : new java.util.TreeSet<>(keys)) {
            j.append(i++ == 0 ? "" : ",").append(BuildMessages.json(k)).append(":{}");
        }
        j.append('}');
    }

    /** Go's RFC 3339 with nanoseconds: trailing zeros of the fraction dropped, no fraction when it is zero. */
    static String time(Instant t) {
        String fraction = "";
        if (t.getNano() != 0) {
            fraction = String.format(".%09d", t.getNano()).replaceAll("0+$", "");
        }
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(t) + fraction + "Z";
    }
}
