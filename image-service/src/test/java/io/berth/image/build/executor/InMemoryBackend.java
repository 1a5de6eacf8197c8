package io.berth.image.build.executor;

import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.SourceTree;
import io.berth.image.build.steps.CopyLayer;
import io.berth.image.build.steps.RunStep;
import io.berth.image.build.steps.StageConfig;
import io.berth.image.build.steps.StepCacheKey;
import io.berth.kit.errors.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A stand-in for the image store and the nodes while the store of issue 7 is not on main: images are kept in memory
 * (id = sha256 of parent, history line and layer bytes), layers are real tars, an image's file system is its layers
 * merged, and RUN only answers an exit code (a {@code exit N} in the command gives N). It exists to test what the
 * build decides, not how images are stored; the real store replaces it in the executor's ITs.
 */
final class InMemoryBackend implements BuildBackend {
    /** One recorded image. */
    record Image(String id, String parent, StageConfig config, String createdBy, byte[] layer) {}

    final Map<String, Image> images = new HashMap<>();
    final Map<String, BaseImage> bases = new HashMap<>();
    final Map<StepCacheKey, String> cache = new HashMap<>();
    final Map<String, String> tags = new HashMap<>();
    final List<Image> commits = new ArrayList<>();
    final List<String> runs = new ArrayList<>();
    private final Path work;

    InMemoryBackend(Path work) {
        this.work = work;
    }

    @Override
    public BaseImage base(String reference, boolean pull, BuildOutput out) {
        BaseImage base = bases.get(reference);
        if (base == null && tags.containsKey(reference)) {
            Image image = images.get(tags.get(reference));
            base = new BaseImage(image.id(), image.config());
        }
        if (base == null) {
            throw new NotFoundException("pull access denied for " + reference + ", repository does not exist");
        }
        return base;
    }

    @Override
    public Optional<String> cached(StepCacheKey key) {
        return Optional.ofNullable(cache.get(key));
    }

    @Override
    public String commit(Step step) {
        try {
            byte[] layer = step.layer() == null ? null : Files.readAllBytes(step.layer());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((step.parentId() + "\n" + step.createdBy() + "\n").getBytes(StandardCharsets.UTF_8));
            if (layer != null) {
                sha.update(layer);
            }
            String id = "sha256:" + HexFormat.of().formatHex(sha.digest());
            Image image = new Image(id, step.parentId(), step.config(), step.createdBy(), layer);
            images.put(id, image);
            commits.add(image);
            cache.put(step.key(), id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RunOutcome run(String parentId, StageConfig config, RunStep step, BuildOutput out) {
        String command = String.join(" ", step.cmd());
        runs.add(command);
        java.util.regex.Matcher exit = java.util.regex.Pattern.compile("exit (\\d+)").matcher(command);
        if (exit.find()) {
            return new RunOutcome(Integer.parseInt(exit.group(1)), null);
        }
        try {
            Path layer = Files.createTempFile(work, "run-", ".tar");
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(layer))) {
                byte[] data = command.getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry("ran.txt");
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
            return new RunOutcome(0, layer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CopyLayer.Target target(String imageId) {
        return CopyLayer.EMPTY_IMAGE; // this stand-in does not read its images' files for COPY destinations
    }

    @Override
    public SourceTree tree(String imageId) {
        List<byte[]> layers = new ArrayList<>();
        for (Image i = images.get(imageId); i != null; i = images.get(i.parent())) {
            if (i.layer() != null) {
                layers.addFirst(i.layer());
            }
        }
        try {
            ByteArrayOutputStream merged = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(merged)) {
                for (byte[] layer : layers) {
                    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
                        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                            out.putArchiveEntry(e);
                            in.transferTo(out);
                            out.closeArchiveEntry();
                        }
                    }
                }
            }
            return BuildContext.read(new ByteArrayInputStream(merged.toByteArray()), work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void tag(String imageId, String reference) {
        tags.put(reference, imageId);
    }
}
