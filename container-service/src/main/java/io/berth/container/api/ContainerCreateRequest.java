package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.container.ContainerNetworking;
import io.berth.container.ContainerSpec;
import io.berth.container.ContainerStdio;
import io.berth.container.mounts.MountRequest;
import io.berth.container.mounts.MountSpec;
import io.berth.kit.api.StrictJson;
import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /containers/create}: Docker's container {@link ContainerConfig} with {@code HostConfig} and
 * {@code NetworkingConfig} beside its fields (moby's {@code ContainerConfigWrapper}). Read once, as a tree: bound
 * strictly (a wrong type is a 400 naming the field), then checked so that a field Berth would ignore is refused
 * ({@link HonouredFields}). {@link HostConfig} holds the part of Docker's HostConfig Berth acts on; nothing of
 * NetworkingConfig is acted on yet, so it is only checked.
 */
record ContainerCreateRequest(ContainerConfig config, HostConfig hostConfig, NetworkingRequest networkingRequest) {

    /** The part of Docker's {@code HostConfig} Berth acts on. */
    record HostConfig(
            @JsonProperty("AutoRemove") boolean autoRemove,
            @JsonProperty("NetworkMode") String networkMode,
            // The container's filesystems (issue 10): see MountRequest.
            @JsonProperty("Binds") List<String> binds,
            @JsonProperty("Mounts") List<MountSpec> mounts,
            @JsonProperty("Tmpfs") Map<String, String> tmpfs,
            @JsonProperty("VolumesFrom") List<String> volumesFrom,
            @JsonProperty("VolumeDriver") String volumeDriver,
            @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
            // [rows, columns] of the terminal the client runs in; it sizes a Tty container's terminal at start.
            @JsonProperty("ConsoleSize") List<Integer> consoleSize) {
    }

    /** Reads a create body; 400 with Docker's words for an empty or malformed body, a wrong type or an ignored field. */
    static ContainerCreateRequest read(byte[] body) {
        JsonNode tree = StrictJson.tree(body);
        if (tree == null) {
            throw new InvalidParameterException("config cannot be empty in order to create a container");
        }
        ContainerConfig config = StrictJson.bind(tree, ContainerConfig.class, "Config");
        HostConfig hostConfig = StrictJson.bind(StrictJson.member(tree, "HostConfig"), HostConfig.class, "HostConfig");
        NetworkingRequest networking = NetworkingRequest.read(tree);
        HonouredFields.check(tree);
        MountSpecs.check(StrictJson.member(tree, "HostConfig"));
        return new ContainerCreateRequest(config, hostConfig, networking);
    }

    /** The create's network settings, checked (issue 11's block of {@link HonouredFields}). */
    ContainerNetworking networking() {
        return networkingRequest.toNetworking();
    }

    ContainerSpec toSpec() {
        HostConfig host = hostConfig == null ? new HostConfig(false, null, null, null, null, null, null, false, null)
                : hostConfig;
        return new ContainerSpec(config.image(), config.cmd(), config.entrypoint(), config.env(), config.workingDir(),
                config.user(), config.hostname(), config.labels(), config.attachStdout(), config.attachStderr(),
                host.autoRemove(), host.networkMode(), new MountRequest(host.binds(), host.mounts(), host.tmpfs(),
                        host.volumesFrom(), host.volumeDriver(), host.readonlyRootfs(),
                        config.volumes() == null ? null : List.copyOf(config.volumes().keySet())),
                stdio(config, host), stopSignal(config.stopSignal()), config.stopTimeout());
    }

    /** A stop signal must be one Linux has: dockerd's 400 {@code Invalid signal: FOO} at create. */
    private static String stopSignal(String signal) {
        if (signal != null && !signal.isEmpty()) {
            io.berth.kit.api.Signals.parse(signal);
        }
        return signal;
    }

    /** Docker's terminal and stdin settings; a console size is [rows, columns] of two numbers of 0 or more. */
    private static ContainerStdio stdio(ContainerConfig config, HostConfig host) {
        int[] size = TerminalSizes.consoleSize(host.consoleSize(), "HostConfig.ConsoleSize");
        int height = size[0];
        int width = size[1];
        return new ContainerStdio(config.tty(), config.openStdin(), config.stdinOnce(), config.attachStdin(), height,
                width);
    }
}
