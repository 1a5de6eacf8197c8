package io.berth.image.build.steps;

import io.berth.image.build.dockerfile.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run configuration a build stage builds up, step by step: the part of Docker's {@code container.Config} an
 * image carries ({@code User}, {@code ExposedPorts}, {@code Env}, {@code Cmd}, {@code Healthcheck}, {@code Volumes},
 * {@code WorkingDir}, {@code Entrypoint}, {@code OnBuild}, {@code Labels}, {@code StopSignal}, {@code Shell}) and
 * the author a {@code MAINTAINER} sets. Null lists are Go's nil slices (absent in the JSON); sets and maps are sorted,
 * as Go writes maps.
 */
public final class StageConfig {
    /** The PATH a Linux stage gets when its base image sets none (moby's {@code system.DefaultPathEnv}). */
    public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** The shell of shell-form instructions when no SHELL is set (Linux). */
    public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    String user = "";
    final TreeSet<String> exposedPorts = new TreeSet<>();
    final List<String> env = new ArrayList<>();
    List<String> cmd;
    List<String> entrypoint;
    HealthConfig healthcheck;
    final TreeSet<String> volumes = new TreeSet<>();
    String workingDir = "";
    List<String> onBuild = new ArrayList<>();
    final TreeMap<String, String> labels = new TreeMap<>();
    String stopSignal = "";
    List<String> shell;
    String author = "";
    /** Whether this stage set a CMD: an ENTRYPOINT then leaves it, else clears the inherited one. */
    boolean cmdSet;

    private StageConfig() {}

    /** A stage from scratch (no base image). */
    public static StageConfig scratch() {
        StageConfig c = new StageConfig();
        c.beginStage();
        return c;
    }

    /**
     * A stage from a base image's configuration. The ONBUILD triggers are handed to the caller (to run first) and
     * cleared, and PATH is added when the base sets none, as the classic builder begins a stage.
     */
    public static StageConfig fromBase(String user, Map<String, ?> exposedPorts, List<String> env, List<String> cmd,
                                       List<String> entrypoint, HealthConfig healthcheck, Map<String, ?> volumes,
                                       String workingDir, List<String> onBuild, Map<String, String> labels,
                                       String stopSignal, List<String> shell) {
        StageConfig c = of(user, exposedPorts, env, cmd, entrypoint, healthcheck, volumes, workingDir, onBuild, labels,
                stopSignal, shell);
        c.beginStage();
        return c;
    }

    /** A container's configuration as {@code docker commit} changes it: as it is, no PATH added. */
    public static StageConfig of(String user, Map<String, ?> exposedPorts, List<String> env, List<String> cmd,
                                 List<String> entrypoint, HealthConfig healthcheck, Map<String, ?> volumes,
                                 String workingDir, List<String> onBuild, Map<String, String> labels,
                                 String stopSignal, List<String> shell) {
        StageConfig c = new StageConfig();
        c.user = user == null ? "" : user;
        if (exposedPorts != null) {
            c.exposedPorts.addAll(exposedPorts.keySet());
        }
        if (env != null) {
            c.env.addAll(env);
        }
        c.cmd = cmd == null ? null : List.copyOf(cmd);
        c.entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        c.healthcheck = healthcheck;
        if (volumes != null) {
            c.volumes.addAll(volumes.keySet());
        }
        c.workingDir = workingDir == null ? "" : workingDir;
        c.onBuild = onBuild == null ? new ArrayList<>() : new ArrayList<>(onBuild);
        if (labels != null) {
            c.labels.putAll(labels);
        }
        c.stopSignal = stopSignal == null ? "" : stopSignal;
        c.shell = shell == null ? null : List.copyOf(shell);
        return c;
    }

    /** An independent copy: a stage that starts from an earlier one must not change it. */
    public StageConfig copy() {
        StageConfig c = new StageConfig();
        c.user = user;
        c.exposedPorts.addAll(exposedPorts);
        c.env.addAll(env);
        c.cmd = cmd;
        c.entrypoint = entrypoint;
        c.healthcheck = healthcheck;
        c.volumes.addAll(volumes);
        c.workingDir = workingDir;
        c.onBuild = new ArrayList<>(onBuild);
        c.labels.putAll(labels);
        c.stopSignal = stopSignal;
        c.shell = shell;
        c.author = author;
        c.cmdSet = cmdSet;
        return c;
    }

    /** The same configuration as the base of a new stage: this stage's CMD no longer counts as set there. */
    public StageConfig asBase() {
        StageConfig c = copy();
        c.cmdSet = false;
        return c;
    }

    private void beginStage() {
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add(DEFAULT_PATH);
        }
    }

    /** The ONBUILD triggers inherited from the base, removed from this stage's image (they fire once). */
    public List<String> takeTriggers() {
        List<String> triggers = List.copyOf(onBuild);
        onBuild = new ArrayList<>();
        return triggers;
    }

    /** The environment as a map, later entries winning. */
    public Map<String, String> envMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            map.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        return map;
    }

    /** The shell shell-form instructions run with: SHELL's, else {@code /bin/sh -c}. */
    public List<String> shellOrDefault() {
        return shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell;
    }

    public String user() {
        return user;
    }

    public List<String> exposedPorts() {
        return List.copyOf(exposedPorts);
    }

    public List<String> env() {
        return List.copyOf(env);
    }

    public List<String> cmd() {
        return cmd;
    }

    public List<String> entrypoint() {
        return entrypoint;
    }

    public HealthConfig healthcheck() {
        return healthcheck;
    }

    public List<String> volumes() {
        return List.copyOf(volumes);
    }

    public String workingDir() {
        return workingDir;
    }

    public List<String> onBuild() {
        return List.copyOf(onBuild);
    }

    public Map<String, String> labels() {
        return java.util.Collections.unmodifiableMap(labels);
    }

    public String stopSignal() {
        return stopSignal;
    }

    public List<String> shell() {
        return shell;
    }

    public String author() {
        return author;
    }
}
