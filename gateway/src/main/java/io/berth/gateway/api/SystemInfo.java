package io.berth.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code SystemInfo}, the answer of {@code GET /info} (docker-engine-api-v1.47.yaml {@code SystemInfo}).
 * Testcontainers insists on {@code OSType} {@code linux}; compose reads {@code Swarm.LocalNodeState} and
 * {@code ServerVersion} (surface §2 System).
 */
record SystemInfo(
        @JsonProperty("ID") String id,
        @JsonProperty("Containers") int containers,
        @JsonProperty("ContainersRunning") int containersRunning,
        @JsonProperty("ContainersPaused") int containersPaused,
        @JsonProperty("ContainersStopped") int containersStopped,
        @JsonProperty("Images") int images,
        @JsonProperty("Driver") String driver,
        @JsonProperty("DriverStatus") List<List<String>> driverStatus,
        @JsonProperty("DockerRootDir") String dockerRootDir,
        @JsonProperty("Plugins") Map<String, List<String>> plugins,
        @JsonProperty("MemoryLimit") boolean memoryLimit,
        @JsonProperty("SwapLimit") boolean swapLimit,
        @JsonProperty("CpuCfsPeriod") boolean cpuCfsPeriod,
        @JsonProperty("CpuCfsQuota") boolean cpuCfsQuota,
        @JsonProperty("CPUShares") boolean cpuShares,
        @JsonProperty("CPUSet") boolean cpuSet,
        @JsonProperty("PidsLimit") boolean pidsLimit,
        @JsonProperty("OomKillDisable") boolean oomKillDisable,
        @JsonProperty("IPv4Forwarding") boolean ipv4Forwarding,
        @JsonProperty("Debug") boolean debug,
        @JsonProperty("NFd") int nfd,
        @JsonProperty("NGoroutines") int ngoroutines,
        @JsonProperty("SystemTime") String systemTime,
        @JsonProperty("LoggingDriver") String loggingDriver,
        @JsonProperty("CgroupDriver") String cgroupDriver,
        @JsonProperty("CgroupVersion") String cgroupVersion,
        @JsonProperty("NEventsListener") int neventsListener,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("OperatingSystem") String operatingSystem,
        @JsonProperty("OSVersion") String osVersion,
        @JsonProperty("OSType") String osType,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("NCPU") int ncpu,
        @JsonProperty("MemTotal") long memTotal,
        @JsonProperty("IndexServerAddress") String indexServerAddress,
        @JsonProperty("RegistryConfig") Map<String, Object> registryConfig,
        @JsonProperty("HttpProxy") String httpProxy,
        @JsonProperty("HttpsProxy") String httpsProxy,
        @JsonProperty("NoProxy") String noProxy,
        @JsonProperty("Name") String name,
        @JsonProperty("Labels") List<String> labels,
        @JsonProperty("ExperimentalBuild") boolean experimentalBuild,
        @JsonProperty("ServerVersion") String serverVersion,
        @JsonProperty("Runtimes") Map<String, Map<String, String>> runtimes,
        @JsonProperty("DefaultRuntime") String defaultRuntime,
        @JsonProperty("Swarm") Swarm swarm,
        @JsonProperty("LiveRestoreEnabled") boolean liveRestoreEnabled,
        @JsonProperty("Isolation") String isolation,
        @JsonProperty("InitBinary") String initBinary,
        @JsonProperty("SecurityOptions") List<String> securityOptions,
        @JsonProperty("Warnings") List<String> warnings) {

    /** Swarm is never active on Berth; the CLI and compose only look at these fields. */
    record Swarm(
            @JsonProperty("NodeID") String nodeId,
            @JsonProperty("NodeAddr") String nodeAddr,
            @JsonProperty("LocalNodeState") String localNodeState,
            @JsonProperty("ControlAvailable") boolean controlAvailable,
            @JsonProperty("Error") String error,
            @JsonProperty("RemoteManagers") List<Object> remoteManagers) {
        static final Swarm INACTIVE = new Swarm("", "", "inactive", false, "", null);
    }

    /** How many containers there are, by state, and how many images. */
    record Counts(int containers, int running, int paused, int stopped, int images) {
    }
}
