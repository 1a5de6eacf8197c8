package io.berth.image.build.dockerfile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The build arguments of one build, with the classic builder's scoping: {@code --build-arg} values override
 * defaults; an {@code ARG} before the first {@code FROM} (a meta arg) is usable in {@code FROM} lines only, and inside
 * a stage only once redeclared there (a redeclaration without a default takes the meta arg's value); each stage starts
 * with no arg allowed; the proxy variables are predefined, usable without an {@code ARG} and left out of the image's
 * history unless declared.
 *
 * @see <a href="https://docs.docker.com/engine/reference/builder/#arg">ARG</a>
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/buildargs.go">buildargs.go</a>
 */
public final class BuildArgs {
    /** The proxy variables every build may be given without declaring them (Docker's predefined ARGs). */
    public static final Set<String> PREDEFINED = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy");

    private final Map<String, Optional<String>> fromOptions;
    private final Map<String, Optional<String>> meta = new HashMap<>();
    private final Set<String> referenced = new HashSet<>();
    private Map<String, Optional<String>> allowed = new LinkedHashMap<>();

    private BuildArgs(Map<String, Optional<String>> fromOptions) {
        this.fromOptions = fromOptions;
    }

    /**
     * The build's {@code buildargs} parameter; a null value ({@code --build-arg NAME} with no {@code =} and no such
     * variable in the client's environment) counts as not given.
     */
    public static BuildArgs of(Map<String, String> options) {
        Map<String, Optional<String>> copy = new HashMap<>();
        options.forEach((k, v) -> copy.put(k, Optional.ofNullable(v)));
        return new BuildArgs(copy);
    }

    /** Records a meta arg (an ARG before the first FROM), already expanded with the meta args before it. */
    public void addMetaArg(String key, String defaultValue) {
        meta.put(key, Optional.ofNullable(defaultValue));
        allow(key, defaultValue);
    }

    /** Records an ARG inside the current stage, making it usable in the instructions after it. */
    public void allow(String key, String defaultValue) {
        allowed.put(key, Optional.ofNullable(defaultValue));
        referenced.add(key);
    }

    /** A new stage begins: no arg is usable in it until it is declared (meta args stay usable in FROM lines). */
    public void beginStage() {
        allowed = new LinkedHashMap<>();
    }

    /** The values the meta args have, which FROM lines expand with (proxy variables included when given). */
    public Map<String, String> metaValues() {
        return values(meta);
    }

    /** The values the args declared in the current stage have (and given proxy variables). */
    public Map<String, String> allowedValues() {
        return values(allowed);
    }

    /**
     * The environment a step's words are expanded with: the stage's environment, then each usable arg its
     * environment does not already set (an ENV wins over an ARG of the same name).
     */
    public Map<String, String> expansionEnv(Map<String, String> stageEnv) {
        Map<String, String> env = new LinkedHashMap<>(stageEnv);
        allowedValues().forEach(env::putIfAbsent);
        return env;
    }

    /** The args a RUN step's container gets as environment variables: those the stage environment does not set. */
    public Map<String, String> runEnv(Map<String, String> stageEnv) {
        Map<String, String> env = new TreeMap<>();
        allowedValues().forEach((k, v) -> {
            if (!stageEnv.containsKey(k)) {
                env.put(k, v);
            }
        });
        return env;
    }

    /**
     * The args a RUN step records in its history and cache key ({@code |N a=1 b=2}, sorted): {@link #runEnv} less
     * the predefined proxy variables no ARG declared, which are meant to leave no trace in the image.
     */
    public Map<String, String> historyEnv(Map<String, String> stageEnv) {
        Map<String, String> env = runEnv(stageEnv);
        env.keySet().removeIf(k -> PREDEFINED.contains(k) && !allowed.containsKey(k));
        return env;
    }

    /**
     * The warning the classic builder prints at the end of a build for {@code --build-arg}s no ARG declared:
     * {@code [Warning] One or more build-args [bar foo] were not consumed} (names sorted), or empty.
     */
    public Optional<String> unusedWarning() {
        String unused = fromOptions.keySet().stream()
                .filter(k -> !referenced.contains(k) && !PREDEFINED.contains(k))
                .sorted()
                .collect(Collectors.joining(" "));
        return unused.isEmpty() ? Optional.empty()
                : Optional.of("[Warning] One or more build-args [" + unused + "] were not consumed");
    }

    private Map<String, String> values(Map<String, Optional<String>> source) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : source.keySet()) {
            value(key, source).ifPresent(v -> values.put(key, v));
        }
        for (String key : PREDEFINED) {
            if (!source.containsKey(key)) {
                value(key, source).ifPresent(v -> values.put(key, v));
            }
        }
        return values;
    }

    /** A given value wins; then the declared default; an ARG without default falls back on the meta arg's value. */
    private Optional<String> value(String key, Map<String, Optional<String>> source) {
        Optional<String> given = fromOptions.getOrDefault(key, Optional.empty());
        if (given.isPresent()) {
            return given;
        }
        Optional<String> declared = source.get(key);
        if (declared == null) {
            return Optional.empty();
        }
        if (declared.isEmpty()) {
            return meta.getOrDefault(key, Optional.empty());
        }
        return declared;
    }
}
