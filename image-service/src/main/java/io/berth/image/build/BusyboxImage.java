package io.berth.image.build;

import io.berth.image.oci.OciImageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Makes {@code busybox:latest} from the host's static busybox: one layer, {@code sh} as the command. Every timestamp
 * is the binary's mtime, which dpkg takes from the Debian package, so one package version gives one image id on every
 * machine.
 */
public final class BusyboxImage {
    public static final String REPOSITORY = "busybox";
    public static final String TAG = "latest";
    static final List<String> ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    static final List<String> CMD = List.of("sh");

    private BusyboxImage() {
    }

    /** Builds the image from the binary at this path. Blocking: reads the file and runs it once. */
    public static BuiltImage build(Path busybox) {
        byte[] binary = BusyboxRootfs.binary(busybox);
        return build(binary, BusyboxRootfs.applets(busybox), modified(busybox));
    }

    /** Builds the image from a binary, its applet names and the time to stamp everywhere. */
    public static BuiltImage build(byte[] binary, List<String> applets, Instant created) {
        Instant when = created.truncatedTo(ChronoUnit.SECONDS);
        BuiltLayer layer = LayerBuilder.build(BusyboxRootfs.entries(binary, applets), when);
        OciImageConfig.RunConfig run = new OciImageConfig.RunConfig(null, null, ENV, null, CMD, null, null, null, null, null, null, null);
        return ImageAssembler.assemble(List.of(layer), run, when,
                "berth: /bin/busybox from the host's busybox-static, a link in /bin for each applet");
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
