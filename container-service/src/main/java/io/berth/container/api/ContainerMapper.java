package io.berth.container.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerSpec;
import io.berth.container.ContainerState;
import io.berth.container.clients.NetworkLease;
import io.berth.container.events.ContainerLabels;
import io.berth.container.service.ContainerCreation.HostSettings;
import io.berth.container.service.NetworkAttachments;
import io.berth.container.service.StoredNetworking;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.api.DockerTimes;
import io.berth.kit.errors.InternalException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders stored containers in Docker's wire shapes. */
@ApplicationScoped
class ContainerMapper {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ContainerLabels stored;
    private final NetworkAttachments networking;

    ContainerMapper(ObjectMapper json, ContainerLabels stored, NetworkAttachments networking) {
        this.json = json;
        this.stored = stored;
        this.networking = networking;
    }

    ContainerSummary summary(ContainerEntity container) {
        ContainerSpec spec = stored.config(container);
        HostSettings host = read(container.hostConfigJson, HostSettings.class);
        StoredNetworking networks = networking.read(container);
        boolean running = container.hasLiveRun();
        NetworkLease lease = networking.leaseOf(container);
        Map<String, Object> hostConfig = new LinkedHashMap<>();
        NetworkSettingsView.hostConfig(hostConfig, networks.requested());
        return new ContainerSummary(container.id, List.of("/" + container.name), container.image, container.imageId,
                String.join(" ", command(container)), container.createdAt.getEpochSecond(),
                List.<Object>copyOf(NetworkSettingsView.summaryPorts(networks.requested(), lease, running)), spec.labels(),
                dockerState(container), status(container, Instant.now()),
                Map.of("NetworkMode", (String) hostConfig.get("NetworkMode")),
                NetworkSettingsView.summary(container.id, networks, lease, running), MountPointView.of(host.mounts()));
    }

    ContainerInspect inspect(ContainerEntity container) {
        ContainerSpec spec = stored.config(container);
        HostSettings host = read(container.hostConfigJson, HostSettings.class);
        StoredNetworking networks = networking.read(container);
        List<String> command = command(container);
        ContainerInspect.State state = new ContainerInspect.State(dockerState(container),
                container.state().isRunning(), container.state() == ContainerState.PAUSED, false, false, false,
                container.pid(),
                container.exitCode(), container.error(), DockerTimes.rfc3339Nano(container.startedAt()),
                DockerTimes.rfc3339Nano(container.finishedAt()));
        // The Config as the container runs it: the request completed from its image as dockerd completes it, the
        // hostname it was given, the image as it was named. Berth refuses what it does not honour, so every field it
        // does not carry is at its zero value.
        ContainerConfig config = new ContainerConfig(
                spec.hostname() == null || spec.hostname().isEmpty() ? container.id.substring(0, 12) : spec.hostname(),
                "", spec.user() == null ? "" : spec.user(),
                spec.stdio().attachStdin(), spec.attachStdout(), spec.attachStderr(),
                NetworkSettingsView.exposedPorts(networks.requested()),
                spec.stdio().tty(), spec.stdio().openStdin(), spec.stdio().stdinOnce(), spec.env(), spec.cmd(), null, false, // Healthcheck, ArgsEscaped
                container.image, configVolumes(spec, host), spec.workingDir() == null ? "" : spec.workingDir(), spec.entrypoint(),
                false, networks.requested().macAddress(), null, spec.labels(), spec.stopSignal(), spec.stopTimeout(),
                null); // NetworkDisabled, MacAddress, OnBuild, Labels, StopSignal, StopTimeout, Shell
        Map<String, Object> hostConfig = new LinkedHashMap<>();
        hostConfig.put("AutoRemove", host.autoRemove());
        hostConfig.put("ConsoleSize", List.of(spec.stdio().consoleHeight(), spec.stdio().consoleWidth()));
        NetworkSettingsView.hostConfig(hostConfig, networks.requested());
        hostConfig.put("RestartPolicy", Map.of("Name", "no", "MaximumRetryCount", 0));
        // conmon keeps the log in k8s-file records, but the logs API answers as Docker's json-file driver does, and
        // clients read this to decide whether there are logs to read at all: docker-py's run() returns nothing and
        // compose shows no logs for a driver other than json-file, journald or local.
        hostConfig.put("LogConfig", Map.of("Type", "json-file", "Config", Map.of()));
        hostConfig.put("Binds", spec.mounts().binds());
        // The other forms of mounts as the client sent them; dockerd leaves Mounts and Tmpfs out when empty.
        if (!spec.mounts().mounts().isEmpty()) {
            hostConfig.put("Mounts", spec.mounts().mounts());
        }
        if (!spec.mounts().tmpfs().isEmpty()) {
            hostConfig.put("Tmpfs", spec.mounts().tmpfs());
        }
        hostConfig.put("VolumesFrom", spec.mounts().volumesFrom().isEmpty() ? null : spec.mounts().volumesFrom());
        hostConfig.put("VolumeDriver", spec.mounts().volumeDriver() == null ? "" : spec.mounts().volumeDriver());
        hostConfig.put("ReadonlyRootfs", spec.mounts().readonlyRootfs());
        Map<String, Object> networkSettings = NetworkSettingsView.inspect(container.id, networks,
                networking.leaseOf(container), container.hasLiveRun());
        return new ContainerInspect(container.id, DockerTimes.rfc3339Nano(container.createdAt), command.get(0),
                command.subList(1, command.size()), state, container.imageId, "/" + container.name, 0, "overlay2",
                "linux", hostConfig, config, networkSettings, MountPointView.of(host.mounts()), null);
    }

    /**
     * Docker's {@code State.Status} word. A container being started reads as it was before (created, or exited if it
     * ran before): Docker has no word for the moment, and it is never running until the worker says so.
     */
    static String dockerState(ContainerEntity container) {
        return switch (container.state()) {
            case CREATED -> "created";
            case STARTING -> container.startedAt() == null ? "created" : "exited";
            case RUNNING -> "running";
            case PAUSED -> "paused";
            case EXITED -> "exited";
            case REMOVING -> "removing";
        };
    }

    /** {@code docker ps}'s Status column. */
    static String status(ContainerEntity container, Instant now) {
        return switch (dockerState(container)) {
            case "running" -> "Up " + DockerTimes.human(Duration.between(container.startedAt(), now));
            case "paused" -> "Up " + DockerTimes.human(Duration.between(container.startedAt(), now)) + " (Paused)";
            case "exited" -> container.finishedAt() == null ? "Exited (" + container.exitCode() + ")"
                    : "Exited (" + container.exitCode() + ") "
                            + DockerTimes.human(Duration.between(container.finishedAt(), now)) + " ago";
            case "removing" -> "Removal In Progress";
            default -> "Created";
        };
    }

    private List<String> command(ContainerEntity container) {
        try {
            return json.readValue(container.commandJson, STRINGS);
        } catch (IOException e) {
            throw new InternalException("stored command of container " + container.id + " is unreadable", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new InternalException("stored settings are unreadable: " + e.getMessage(), e);
        }
    }

    /** {@code Config.Volumes}: the container's own and its image's, null when there are none, as dockerd shows it. */
    private static Map<String, Object> configVolumes(ContainerSpec spec, HostSettings host) {
        Map<String, Object> volumes = spec.mounts().configVolumes(host.imageVolumes());
        return volumes.isEmpty() ? null : volumes;
    }
}
