package io.berth.container.mounts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * One filesystem a container sees at {@code destination}, whichever form asked for it ({@code -v}, {@code --mount},
 * {@code --tmpfs}, {@code --volumes-from}, an image's {@code VOLUME}): Docker's {@code MountPoint}, kept with the
 * container and shown in inspect's {@code Mounts}. A volume's {@code source} and a generated {@code name} are known
 * once volume-service made or found the volume.
 *
 * @param type           {@code volume}, {@code bind} or {@code tmpfs}
 * @param name           the volume's name; null for an anonymous volume not made yet, and for binds and tmpfs
 * @param source         the host path: a bind's source, a volume's data directory; {@code ""} for tmpfs
 * @param driver         a volume's driver ({@code local})
 * @param mode           Docker's {@code Mode}: the mode text of a {@code -v} bind, {@code z} for a {@code --mount} volume
 * @param rw             whether the container may write
 * @param propagation    Docker's {@code Propagation}: a bind's ({@code rprivate} unless set), {@code ""} for volumes
 * @param copyData       Docker's copy-up: an empty volume takes the image's content at the destination
 * @param nonRecursive   {@code bind-nonrecursive}: submounts of the source are not shown
 * @param forceRecursiveReadOnly {@code ReadOnlyForceRecursive}: read-only submounts too
 * @param createSource   a {@code -v} bind's missing source is made, as dockerd does; a {@code --mount} bind's is refused
 * @param tmpfsData      a tmpfs's options, as Docker's data string ({@code size=64m,mode=1777})
 * @param driverOpts     a volume's driver options, for a volume the mount makes ({@code volume-opt})
 * @param labels         a volume's labels, for a volume the mount makes
 */
public record MountPoint(
        String type,
        String name,
        String source,
        String destination,
        String driver,
        String mode,
        boolean rw,
        String propagation,
        boolean copyData,
        boolean nonRecursive,
        boolean forceRecursiveReadOnly,
        boolean createSource,
        String tmpfsData,
        Map<String, String> driverOpts,
        Map<String, String> labels) {

    public static final String VOLUME = "volume";
    public static final String BIND = "bind";
    public static final String TMPFS = "tmpfs";

    public MountPoint {
        driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @JsonIgnore
    public boolean isVolume() {
        return VOLUME.equals(type);
    }

    @JsonIgnore
    public boolean isBind() {
        return BIND.equals(type);
    }

    /** The same mount of the volume volume-service made or found. */
    public MountPoint ofVolume(String volumeName, String volumeDriver, String mountpoint) {
        return new MountPoint(type, volumeName, mountpoint, destination, volumeDriver, mode, rw, propagation, copyData,
                nonRecursive, forceRecursiveReadOnly, createSource, tmpfsData, driverOpts, labels);
    }

    /**
     * The mount as {@code --volumes-from} copies it to another container: writable only if both say so, never copied
     * up again, and without the mode text it was asked with (moby daemon/volumes.go copies neither).
     */
    public MountPoint sharedWith(boolean writable) {
        return new MountPoint(type, name, source, destination, driver, "", rw && writable, propagation, false,
                nonRecursive, forceRecursiveReadOnly, false, tmpfsData, driverOpts, labels);
    }
}
