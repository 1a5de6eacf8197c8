package io.berth.container.mounts;

import io.berth.kit.errors.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The mounts of a new container, from every form the create used, in dockerd's order of precedence
 * (moby daemon/volumes.go {@code registerMountPoints}, create_unix.go): mounts shared by {@code --volumes-from}
 * first, replaced by a {@code -v} or {@code --mount} at the same destination; binds, mounts and {@code --tmpfs} may not
 * share a destination ({@code Duplicate mount point}); last the anonymous volumes of {@code Config.Volumes} and the
 * image's {@code VOLUME}s, for destinations nothing else took.
 *
 * @param mountPoints what inspect's {@code Mounts} shows (every form but {@code --tmpfs}, which dockerd does not list)
 * @param tmpfs       the {@code --tmpfs} mounts
 */
public record MountPlan(List<MountPoint> mountPoints, List<MountPoint> tmpfs) {

    public MountPlan {
        mountPoints = List.copyOf(mountPoints);
        tmpfs = List.copyOf(tmpfs);
    }

    /** No mounts. */
    public static MountPlan none() {
        return new MountPlan(List.of(), List.of());
    }

    /**
     * Plans the mounts; {@code sharedBy} gives the mount points of a {@code --volumes-from} container (and answers
     * Docker's 404 for one that does not exist).
     */
    public static MountPlan of(MountRequest request, List<String> imageVolumes,
            Function<MountParser.VolumesFrom, List<MountPoint>> sharedBy) {
        Map<String, MountPoint> points = new LinkedHashMap<>();
        for (String raw : request.volumesFrom()) {
            MountParser.VolumesFrom from = MountParser.volumesFrom(raw);
            for (MountPoint shared : sharedBy.apply(from)) {
                points.put(shared.destination(), shared.sharedWith(from.writable()));
            }
        }
        Set<String> taken = new java.util.HashSet<>();
        for (String raw : request.binds()) {
            add(points, taken, MountParser.bind(raw, request.volumeDriver()));
        }
        for (MountSpec spec : request.mounts()) {
            add(points, taken, MountParser.mount(spec, request.volumeDriver()));
        }
        List<MountPoint> tmpfs = new ArrayList<>();
        for (Map.Entry<String, String> entry : request.tmpfs().entrySet()) {
            MountPoint point = MountParser.tmpfs(entry.getKey(), entry.getValue());
            if (!taken.add(point.destination())) {
                throw duplicate(point.destination());
            }
            // A --tmpfs hides what --volumes-from would have shown there.
            points.remove(point.destination());
            tmpfs.add(point);
        }
        for (String path : request.configVolumes(imageVolumes).keySet()) {
            MountPoint anonymous = MountParser.anonymous(path);
            if (!points.containsKey(anonymous.destination()) && !taken.contains(anonymous.destination())) {
                points.put(anonymous.destination(), anonymous);
            }
        }
        return new MountPlan(new ArrayList<>(points.values()), tmpfs);
    }

    private static void add(Map<String, MountPoint> points, Set<String> taken, MountPoint point) {
        if (!taken.add(point.destination())) {
            throw duplicate(point.destination());
        }
        points.put(point.destination(), point);
    }

    private static InvalidParameterException duplicate(String destination) {
        return new InvalidParameterException("Duplicate mount point: " + destination);
    }

    /** The volume mounts, in order: what volume-service is asked to ensure. */
    public List<MountPoint> volumes() {
        return mountPoints.stream().filter(MountPoint::isVolume).toList();
    }

    /** The plan with each volume mount replaced, in order, by the one given. */
    public MountPlan withVolumes(List<MountPoint> resolved) {
        List<MountPoint> changed = new ArrayList<>();
        int next = 0;
        for (MountPoint point : mountPoints) {
            changed.add(point.isVolume() ? resolved.get(next++) : point);
        }
        return new MountPlan(changed, tmpfs);
    }
}
