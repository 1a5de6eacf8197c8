package io.berth.image.service;

import io.berth.image.api.BuildOptions;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.ContextDockerfile;
import io.berth.image.build.dockerfile.BuildPlan;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.executor.BuildOutput;
import io.berth.image.build.executor.ClassicBuild;
import io.berth.image.clients.WorkerBuildSteps;
import io.berth.image.pull.RegistryConfigs;
import io.berth.image.store.BuildSteps;
import io.berth.image.store.ImageRepository;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.api.Signals;
import io.berth.kit.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code docker build} with the classic builder ({@code POST /build}): {@link #prepare} reads the context into the
 * build's work dir, finds and parses the Dockerfile and checks that Berth can build it, so that what is wrong is
 * answered before the stream begins, as dockerd does; {@link #run} runs {@link ClassicBuild} over the image store
 * ({@link StoreBuildBackend}) and adds the image to the tenant's images. Blocking: both run on the build's own thread.
 */
@ApplicationScoped
public class ImageBuild {

    private final BlobStore blobs;
    private final ImageService images;
    private final ImageRepository imageRows;
    private final ImageTagging tagging;
    private final ImagePull pull;
    private final BuildSteps steps;
    private final WorkerBuildSteps worker;

    ImageBuild(BlobStore blobs, ImageService images, ImageRepository imageRows, ImageTagging tagging, ImagePull pull,
            BuildSteps steps, WorkerBuildSteps worker) {
        this.blobs = blobs;
        this.images = images;
        this.imageRows = imageRows;
        this.tagging = tagging;
        this.pull = pull;
        this.steps = steps;
        this.worker = worker;
    }

    /** A build ready to run: its work dir, its context and its Dockerfile. Closing it removes the work dir. */
    public record Prepared(Path workDir, BuildContext context, Dockerfile dockerfile) implements AutoCloseable {
        @Override
        public void close() {
            try {
                context.close();
            } catch (IOException e) {
                // removed with the work dir below
            }
            deleteTree(workDir);
        }
    }

    /**
     * Reads the context (a tar, plain, gzip, bzip2 or xz) and its Dockerfile, and checks the build against what Berth
     * honours; Docker's status and words when something is wrong, and nothing left behind.
     */
    public Prepared prepare(InputStream body, BuildOptions options) {
        refuseWhatIsNotHonoured(options);
        Path work = blobs.scratch("build-" + UUID.randomUUID());
        BuildContext context = null;
        try {
            context = BuildContext.read(body, work);
            ContextDockerfile located = ContextDockerfile.locate(context, options.dockerfile());
            Dockerfile dockerfile = Dockerfile.parse(located.name(), located.content());
            // What the classic builder checks before it writes a byte: the target must be there.
            BuildPlan.of(dockerfile, options.target(), options.buildArgs(), options.labels());
            return new Prepared(work, context, dockerfile);
        } catch (IOException e) {
            close(context, work);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close(context, work);
            throw e;
        }
    }

    /**
     * Runs the build, its stream to {@code out}; answers the image id. A step that fails throws
     * {@link io.berth.image.build.executor.BuildFailure} after its lines were written.
     */
    public String run(TenantId tenant, BuildOptions options, Prepared prepared, BuildOutput out, boolean wantAux,
            RegistryConfigs registries) {
        StoreBuildBackend backend = new StoreBuildBackend(tenant, blobs, images, imageRows, tagging, pull, steps,
                worker, registries, prepared.workDir(), Clock.systemUTC());
        try {
            ClassicBuild build = new ClassicBuild(tenant.value(), options, prepared.context(), backend, out,
                    prepared.workDir(), Clock.systemUTC(), wantAux, Signals::parse);
            String id = build.run(prepared.dockerfile());
            backend.record(id);
            return id;
        } finally {
            backend.close();
        }
    }

    /**
     * Options of RUN steps' containers and of the cache Berth does not honour yet: refused by name, never dropped.
     * RUN steps run without a network today ({@code none}), which is also what {@code default} gives for now.
     */
    private static void refuseWhatIsNotHonoured(BuildOptions options) {
        if (!options.cacheFrom().isEmpty()) {
            throw new InvalidParameterException("Berth's builder does not honour cachefrom yet (cachefrom="
                    + options.cacheFrom() + ")");
        }
        String network = options.networkMode();
        if (!network.isEmpty() && !network.equals("default") && !network.equals("none")) {
            throw new InvalidParameterException("Berth's builder runs RUN steps without a network for now: networkmode="
                    + network + " is not honoured yet (default and none are)");
        }
        if (!options.extraHosts().isEmpty()) {
            throw new InvalidParameterException("Berth's builder does not honour extrahosts yet (" + options.extraHosts() + ")");
        }
        if (options.shmSize() != 0) {
            throw new InvalidParameterException("Berth's builder does not honour shmsize yet (shmsize=" + options.shmSize() + ")");
        }
        if (options.memory() != 0) {
            throw new InvalidParameterException("Berth's builder does not honour memory yet (memory=" + options.memory() + ")");
        }
        if (!options.cpusetCpus().isEmpty()) {
            throw new InvalidParameterException("Berth's builder does not honour cpusetcpus yet (cpusetcpus="
                    + options.cpusetCpus() + ")");
        }
    }

    private static void close(BuildContext context, Path work) {
        if (context != null) {
            try {
                context.close();
            } catch (IOException e) {
                // removed with the work dir
            }
        }
        deleteTree(work);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // scratch space; what stays is swept with the store's tmp
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
