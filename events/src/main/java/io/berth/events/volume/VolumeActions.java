package io.berth.events.volume;

/** The volume actions Berth publishes, with Docker's own words so that {@code /events} needs no mapping. */
public final class VolumeActions {
    public static final String CREATE = "create";
    /** A container that uses the volume started (moby daemon/volumes_unix.go setupMounts). */
    public static final String MOUNT = "mount";
    /** A container that uses the volume stopped (moby container.UnmountVolumes). */
    public static final String UNMOUNT = "unmount";
    public static final String DESTROY = "destroy";
    /** A prune ended; the payload says how many bytes it freed. */
    public static final String PRUNE = "prune";

    private VolumeActions() {
    }
}
