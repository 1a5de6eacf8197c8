package io.berth.container.clients;

import io.berth.container.mounts.MountPlan;
import io.berth.container.mounts.MountPoint;
import io.berth.oci.Digest;
import io.berth.oci.spec.Spec;
import java.util.List;

/**
 * Body of the worker's create call: the container's name, where its image is, its OCI runtime spec, what the node
 * does for the spec's bind mounts before the container runs ({@link MountSources}), and its runs' network namespace
 * ({@code private}, {@code managed}, {@code host} or {@code container:<id>}), and its stdio beyond the spec's terminal
 * ({@link Stdio}).
 */
public record WorkerCreateRequest(String name, ImageLocation image, Spec spec, MountSources mounts, String network,
        Stdio stdio) {

    /** stdin open to attach, closed after one attach ends it, and the terminal's first size (0 when not given). */
    public record Stdio(boolean openStdin, boolean stdinOnce, int height, int width) {
        public static Stdio of(io.berth.container.ContainerStdio stdio) {
            return new Stdio(stdio.openStdin(), stdio.stdinOnce(), stdio.consoleHeight(), stdio.consoleWidth());
        }
    }
    /**
     * What the node does for the container's mounts: {@code copyUp} lists the destinations of volumes Docker fills from
     * the image when empty, {@code createSources} the host paths of {@code -v} binds made when missing.
     */
    public record MountSources(List<String> copyUp, List<String> createSources) {
        public MountSources {
            copyUp = copyUp == null ? List.of() : List.copyOf(copyUp);
            createSources = createSources == null ? List.of() : List.copyOf(createSources);
        }

        /** What a plan's mounts ask of the node. */
        public static MountSources of(MountPlan plan) {
            return new MountSources(
                    plan.mountPoints().stream().filter(p -> p.isVolume() && p.copyData()).map(MountPoint::destination).toList(),
                    plan.mountPoints().stream().filter(p -> p.isBind() && p.createSource()).map(MountPoint::source).distinct().toList());
        }
    }

    /** An image in Berth's registry, by repository and manifest digest. */
    public record ImageLocation(String repository, Digest digest) {
    }
}
