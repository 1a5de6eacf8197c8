package io.berth.image.api;

import io.berth.image.Image;
import io.berth.image.RepoTag;
import io.berth.image.ResolvedImage;
import io.berth.image.oci.OciImageConfig;
import io.berth.kit.api.DockerTimes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Writes {@link Image}s in Docker's wire shapes, and in the internal resolve answer. */
@ApplicationScoped
class ImageMapper {
    /**
     * {@code ContainerConfig} of an image no classic build step made (pulled from a BuildKit build, loaded, imported):
     * Docker's {@code container.Config} at its zero values, as dockerd 20.10 writes it.
     */
    private static final Map<String, Object> NO_CONTAINER_CONFIG = zeroContainerConfig();

    ImageSummary summary(Image image) {
        return summary(image, -1, -1);
    }

    /** With the shared size and container count that {@code system df} computes (-1: not calculated). */
    ImageSummary summary(Image image, long sharedSize, long containers) {
        OciImageConfig.RunConfig run = run(image);
        return new ImageSummary(image.id().toString(), "", repoTags(image), repoDigests(image),
                image.created().getEpochSecond(), image.size(), sharedSize,
                run.labels() == null ? Map.of() : run.labels(), containers);
    }

    ImageInspect inspect(Image image) {
        OciImageConfig config = image.config();
        OciImageConfig.RunConfig run = run(image);
        List<String> layers = config.rootfs() == null || config.rootfs().diffIds() == null ? List.of() : config.rootfs().diffIds();
        return new ImageInspect(image.id().toString(), repoTags(image), repoDigests(image), "", comment(config),
                DockerTimes.rfc3339Nano(image.created()), nullToEmpty(config.container()),
                config.containerConfig() != null ? config.containerConfig() : NO_CONTAINER_CONFIG,
                nullToEmpty(config.dockerVersion()), config.author() == null ? "" : config.author(),
                new ImageInspect.Config("", "", nullToEmpty(run.user()), false, false, false, run.exposedPorts(),
                        false, false, false, run.env(), run.cmd(), run.healthcheck(), "", run.volumes(),
                        nullToEmpty(run.workingDir()), run.entrypoint(), run.onBuild(), run.labels(), run.stopSignal(),
                        run.shell()),
                config.architecture(), config.variant(), config.os(), image.size(),
                new ImageInspect.GraphDriver("overlay2", Map.of()),
                new ImageInspect.RootFs("layers", layers),
                new ImageInspect.Metadata(DockerTimes.rfc3339Nano(image.lastTagTime().orElse(null))));
    }

    ImageResolution resolution(ResolvedImage resolved, io.berth.image.build.steps.ProcessUser user) {
        Image image = resolved.image();
        OciImageConfig.RunConfig run = run(image);
        return new ImageResolution(image.id().toString(), resolved.repository(), image.manifestDigest().toString(),
                new ImageResolution.RunDefaults(nullToEmpty(run.user()), run.env() == null ? List.of() : run.env(),
                        run.cmd(), run.entrypoint(), nullToEmpty(run.workingDir()),
                        run.labels() == null ? Map.of() : run.labels(), nullToEmpty(run.stopSignal()),
                        keys(run.exposedPorts()), keys(run.volumes())),
                new ImageResolution.ProcessUser(user.uid(), user.gid()));
    }

    private static List<String> repoTags(Image image) {
        return image.tags().stream().map(RepoTag::toString).toList();
    }

    /** One {@code repository@sha256:...} per repository: the manifest Berth's registry serves for it. */
    private static List<String> repoDigests(Image image) {
        return image.repositories().stream().map(repository -> repository + "@" + image.manifestDigest()).toList();
    }

    private static OciImageConfig.RunConfig run(Image image) {
        OciImageConfig.RunConfig run = image.config().config();
        return run != null ? run : new OciImageConfig.RunConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The last history entry's comment, as dockerd shows an import or commit message. */
    private static String comment(OciImageConfig config) {
        if (config.history() == null || config.history().isEmpty()) {
            return "";
        }
        String comment = config.history().getLast().comment();
        return comment == null ? "" : comment;
    }

    private static Map<String, Object> zeroContainerConfig() {
        Map<String, Object> zero = new java.util.LinkedHashMap<>();
        for (String key : List.of("Hostname", "Domainname", "User")) {
            zero.put(key, "");
        }
        for (String key : List.of("AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce")) {
            zero.put(key, false);
        }
        zero.put("Env", null);
        zero.put("Cmd", null);
        zero.put("Image", "");
        zero.put("Volumes", null);
        zero.put("WorkingDir", "");
        zero.put("Entrypoint", null);
        zero.put("OnBuild", null);
        zero.put("Labels", null);
        return java.util.Collections.unmodifiableMap(zero);
    }

    private static List<String> keys(Map<String, ?> map) {
        return map == null ? List.of() : List.copyOf(map.keySet());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
