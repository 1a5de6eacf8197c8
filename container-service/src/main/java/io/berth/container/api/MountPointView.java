package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.container.mounts.MountPoint;
import java.util.List;

/**
 * Docker's {@code MountPoint}, as inspect's and {@code docker ps}'s {@code Mounts} show a container's mount: a bind
 * has no {@code Name} nor {@code Driver}, a tmpfs no {@code Source}.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerInspect">MountPoint</a>
 */
public record MountPointView(
        @JsonProperty("Type") String type,
        @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("Driver") @JsonInclude(JsonInclude.Include.NON_EMPTY) String driver,
        @JsonProperty("Mode") String mode,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Propagation") String propagation) {

    static List<MountPointView> of(List<MountPoint> points) {
        return points.stream().map(point -> new MountPointView(point.type(), point.name(),
                point.source() == null ? "" : point.source(), point.destination(), point.driver(),
                point.mode() == null ? "" : point.mode(), point.rw(), point.propagation() == null ? "" : point.propagation()))
                .toList();
    }

    /**
     * {@code docker ps --filter volume=}: a volume's name, a bind's source, or a destination (moby daemon/list.go).
     */
    static boolean matches(List<MountPointView> mounts, String wanted) {
        return mounts.stream().anyMatch(mount -> wanted.equals(mount.destination())
                || wanted.equals(mount.name() != null && !mount.name().isEmpty() ? mount.name() : mount.source()));
    }
}
