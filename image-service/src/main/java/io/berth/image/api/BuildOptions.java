package io.berth.image.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.ImageReference;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code POST /build}, as the classic builder reads it ({@code newImageBuildOptions}): the Dockerfile's
 * path, the tags (normalized, {@code :latest} added, duplicates dropped), build args (a null value is an arg named
 * but not given: it only counts for the unused-args warning), labels, target, cache and clean-up switches, network
 * mode, extra hosts, resources and platform. The Go client sends every parameter, most of them empty or zero; a
 * parameter Berth does not honour is refused with 400 naming it only when it asks for something.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/api/server/router/build/build_routes.go">build_routes.go</a>
 */
public record BuildOptions(String dockerfile, List<String> tags, Map<String, String> buildArgs,
                           Map<String, String> labels, String target, boolean noCache, boolean pull, boolean remove,
                           boolean forceRemove, boolean quiet, List<String> cacheFrom, String networkMode,
                           List<String> extraHosts, long shmSize, long memory, String cpusetCpus, String platform) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Parameters asking for what the classic builder offers but Berth does not honour yet; zero and empty are fine. */
    private static final List<String> NOT_HONOURED = List.of("cpusetmems", "cpushares", "cpuquota", "cpuperiod",
            "memswap", "cgroupparent", "isolation", "buildid", "outputs");

    public static BuildOptions parse(Map<String, List<String>> query) {
        String version = first(query, "version");
        if (!version.isEmpty() && !version.equals("1")) {
            if (version.equals("2")) {
                throw new InvalidParameterException("BuildKit (version=2) is not supported by Berth: build with "
                        + "DOCKER_BUILDKIT=0 (the classic builder)");
            }
            throw new InvalidParameterException("invalid version \"" + version + "\"");
        }
        if (!first(query, "remote").isEmpty()) {
            throw new InvalidParameterException("remote build contexts (remote) are not supported by Berth: "
                    + "send the context as a tar");
        }
        if (!first(query, "session").isEmpty()) {
            throw new InvalidParameterException("experimental session with v1 builder is no longer supported, "
                    + "use builder version v2 (BuildKit) instead");
        }
        if (!query.getOrDefault("securityopt", List.of()).stream().allMatch(String::isEmpty)) {
            throw new InvalidParameterException("The daemon on this platform does not support setting security "
                    + "options on build");
        }
        if (QueryFlags.isTrue(first(query, "squash"))) {
            throw new InvalidParameterException("squash is only supported with experimental mode");
        }
        for (String name : NOT_HONOURED) {
            String value = first(query, name);
            if (!value.isEmpty() && !value.equals("0") && !value.equals("null") && !value.equals("default")) {
                throw new InvalidParameterException("Berth's builder does not honour " + name + " yet (" + name + "="
                        + value + ")");
            }
        }
        String ulimits = first(query, "ulimits");
        if (!ulimits.isEmpty() && !ulimits.equals("null") && !ulimits.equals("[]")) {
            throw new InvalidParameterException("Berth's builder does not honour ulimits yet (ulimits=" + ulimits + ")");
        }
        boolean forceRemove = QueryFlags.isTrue(first(query, "forcerm"));
        String rm = first(query, "rm");
        // API 1.12 and later: rm defaults to true, and forcerm implies it.
        boolean remove = forceRemove || rm.isEmpty() || QueryFlags.isTrue(rm);
        return new BuildOptions(first(query, "dockerfile"), tags(query.getOrDefault("t", List.of())),
                json(first(query, "buildargs"), "error reading build args", new TypeReference<>() {}),
                json(first(query, "labels"), "error reading labels", new TypeReference<>() {}),
                first(query, "target"), QueryFlags.isTrue(first(query, "nocache")),
                QueryFlags.isTrue(first(query, "pull")), remove, forceRemove, QueryFlags.isTrue(first(query, "q")),
                cacheFrom(first(query, "cachefrom")), first(query, "networkmode"),
                query.getOrDefault("extrahosts", List.of()).stream().filter(h -> !h.isEmpty()).toList(),
                integer(query, "shmsize"), integer(query, "memory"), first(query, "cpusetcpus"),
                first(query, "platform").toLowerCase(java.util.Locale.ROOT));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
    }

    /** Each tag as a named reference with {@code :latest} when it has no tag; a digest is refused, as Docker does. */
    private static List<String> tags(List<String> raw) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String t : raw) {
            if (t.isEmpty()) {
                continue;
            }
            ImageReference ref = ImageReference.parse(t);
            if (ref.digest() != null) {
                throw new InvalidParameterException("build tag cannot contain a digest");
            }
            tags.add(ref.withDefaultTag().familiarString());
        }
        return List.copyOf(tags);
    }

    private static <V> Map<String, V> json(String text, String what, TypeReference<Map<String, V>> type) {
        if (text.isEmpty() || text.equals("null")) {
            return Map.of();
        }
        try {
            Map<String, V> map = JSON.readValue(text, type);
            return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidParameterException(what + ": " + e.getOriginalMessage());
        }
    }

    private static List<String> cacheFrom(String text) {
        if (text.isEmpty() || text.equals("null")) {
            return List.of();
        }
        try {
            List<String> list = JSON.readValue(text, new TypeReference<List<String>>() {});
            return list == null ? List.of() : List.copyOf(new ArrayList<>(list));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidParameterException("error reading cachefrom: " + e.getOriginalMessage());
        }
    }

    private static long integer(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("invalid value for " + name + ": strconv.ParseInt: parsing \"" + value
                    + "\": invalid syntax");
        }
    }
}
