package io.berth.container.mounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a create asks about the container's filesystems, as the client wrote it (kept so inspect can show it back):
 * {@code HostConfig.Binds}, {@code Mounts}, {@code Tmpfs}, {@code VolumesFrom}, {@code VolumeDriver},
 * {@code ReadonlyRootfs} and {@code Config.Volumes}.
 */
public record MountRequest(
        List<String> binds,
        List<MountSpec> mounts,
        Map<String, String> tmpfs,
        List<String> volumesFrom,
        String volumeDriver,
        boolean readonlyRootfs,
        List<String> volumes) {

    public MountRequest {
        binds = binds == null ? List.of() : List.copyOf(binds);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        tmpfs = tmpfs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tmpfs));
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /** A create that asks for nothing of the kind. */
    public static MountRequest none() {
        return new MountRequest(null, null, null, null, null, false, null);
    }

    /** {@code Config.Volumes} as inspect shows it: the container's own and its image's, each once. */
    public Map<String, Object> configVolumes(List<String> imageVolumes) {
        List<String> all = new ArrayList<>(volumes);
        imageVolumes.stream().filter(path -> !all.contains(path)).forEach(all::add);
        Map<String, Object> shown = new LinkedHashMap<>();
        all.forEach(path -> shown.put(path, Map.of()));
        return shown;
    }
}
