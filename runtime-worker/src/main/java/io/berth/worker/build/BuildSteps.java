package io.berth.worker.build;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.worker.layers.ImageLayers;
import io.berth.worker.runtime.BundleSpec;
import io.berth.worker.runtime.NodeLimits;
import io.berth.worker.runtime.OciRuntime;
import io.berth.worker.runtime.Overlay;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A classic build's RUN steps on this node (docs/internal-api.md, "runtime-worker", build steps): a container of the
 * parent image's layers, run once in the foreground by the OCI runtime with its output handed over as it comes, and
 * then its change, the overlay's upper dir, as a layer tar with OCI whiteouts. No conmon and no exit reports: a build
 * step is image-service's for as long as the call lasts, and is removed with {@link #delete}, on the worker's start,
 * and by {@code ./berth down}.
 */
@ApplicationScoped
public class BuildSteps {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /** Where a step's output goes: 1 for its standard output, 2 for its standard error. */
    @FunctionalInterface
    public interface Output {
        void write(int stream, byte[] bytes, int length);
    }

    private final NodePaths paths;
    private final ImageLayers layers;
    private final OciRuntime runtime;

    BuildSteps(NodePaths paths, ImageLayers layers, OciRuntime runtime) {
        this.paths = paths;
        this.layers = layers;
        this.runtime = runtime;
    }

    /** What a crash left: every step's runtime container, mount and directory. */
    void onStart(@Observes StartupEvent event) {
        Path root = root();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> steps = Files.list(root)) {
            steps.forEach(step -> delete(step.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path root() {
        return paths.root().resolve("build-steps");
    }

    private Path dir(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidParameterException("a build step id is 64 hex digits: " + id);
        }
        return root().resolve(id);
    }

    /**
     * Runs {@code spec}'s process in a container of the image, its output to {@code out}; answers its exit code. The
     * step's change stays for {@link #diff} until {@link #delete}.
     */
    public int run(TenantId tenant, String id, String repository, Digest manifestDigest, Spec spec, Output out) {
        Path dir = dir(id);
        if (Files.exists(dir)) {
            throw new ConflictException("build step " + id + " already exists");
        }
        List<Path> lowers = layers.ensure(tenant, repository, manifestDigest);
        Path upper = dir.resolve("upper");
        Path merged = dir.resolve("merged");
        try {
            Files.createDirectories(upper);
            Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(merged);
            Overlay.mount(lowers, upper, dir.resolve("work"), merged);
            // The runtime makes the mount points the image lacks; they are not the step's change.
            List<String> madeForMounts = new ArrayList<>();
            for (Mount mount : spec.mounts() == null ? List.<Mount>of() : spec.mounts()) {
                String destination = mount.destination().replaceFirst("^/+", "");
                if (!destination.isEmpty() && !Files.exists(merged.resolve(destination))) {
                    madeForMounts.add(destination);
                }
            }
            Spec bundle = BundleSpec.complete(spec, merged, id, hardLimits());
            Files2.writeAtomically(dir.resolve("config.json"), SpecJson.write(bundle));
            int exit = runInForeground(id, dir, out);
            runtime.delete(id);
            Overlay.unmount(merged);
            // Deepest first, so /dev/pts goes before /dev.
            madeForMounts.sort((a, b) -> b.length() - a.length());
            for (String made : madeForMounts) {
                removeIfEmpty(upper.resolve(made));
            }
            return exit;
        } catch (IOException e) {
            delete(id);
            throw new InternalException("cannot run build step " + id + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(id);
            throw e;
        }
    }

    private int runInForeground(String id, Path dir, Output out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(runtime.binary());
        command.addAll(runtime.globalArgs());
        command.addAll(List.of("run", "--bundle", dir.toString(), id));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Thread stderr = Thread.ofVirtual().start(() -> pump(process.getErrorStream(), 2, out));
        pump(process.getInputStream(), 1, out);
        try {
            stderr.join();
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new InternalException("interrupted while build step " + id + " ran");
        }
    }

    private static void pump(InputStream in, int stream, Output out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(stream, buffer, n);
            }
        } catch (IOException e) {
            // The process went away; its exit code says how.
        }
    }

    /** Writes the step's change as a layer tar: owners, modes, links and xattrs kept, whiteouts in OCI's form. */
    public void diff(String id, OutputStream out) {
        UpperDiff.write(dir(id).resolve("upper"), java.util.Set.of(), out, "build step: " + id);
    }

    /** Removes the step: its runtime container, mount and directory. Idempotent. */
    public void delete(String id) {
        Path dir = dir(id);
        runtime.delete(id);
        Overlay.unmount(dir.resolve("merged"));
        Files2.deleteTree(dir);
    }

    private static void removeIfEmpty(Path path) {
        try {
            if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> children = Files.list(path)) {
                    if (children.findAny().isPresent()) {
                        return;
                    }
                }
            } else if (!Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(path) > 0) {
                return;
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left in the layer: an empty mount point
        }
    }

    private static Map<String, Long> hardLimits() {
        try {
            return NodeLimits.parseHard(Files.readString(Path.of("/proc/self/limits")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
