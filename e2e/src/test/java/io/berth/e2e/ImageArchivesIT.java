package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testkit.fixtures.FixtureImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker load and docker save with the CLI: a real Debian image from the fixture kit loads and runs, round-trips
 * through save, rmi and load with the same id, shows as events; a bad archive is refused with the reason.
 */
@ExtendWith(Berth.class)
class ImageArchivesIT {
    private static final Duration ARCHIVE = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    @Test
    void aFixtureImageLoadsRunsAndRoundTripsThroughSave() {
        String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);
        String debian = FixtureImages.reference(FixtureImages.DEBIAN);
        Command.Result load = docker(ARCHIVE, "load", "-i", FixtureImages.archive(FixtureImages.DEBIAN).toString());
        assertThat(load.exitCode()).as("%s", load).isZero();
        assertThat(load.stdout()).contains("Loaded image: " + debian);

        Command.Result run = docker("run", "--rm", debian, "cat", "/etc/debian_version");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout().strip()).startsWith("12.");
        String id = docker("image", "inspect", "--format", "{{.Id}}", debian).stdout().strip();

        Path saved = temp.resolve("debian.tar");
        Command.Result save = docker(ARCHIVE, "save", "-o", saved.toString(), debian);
        assertThat(save.exitCode()).as("%s", save).isZero();
        assertThat(docker("rmi", debian).exitCode()).isZero();
        Command.Result again = docker(ARCHIVE, "load", "-i", saved.toString());
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.stdout()).contains("Loaded image: " + debian);
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", debian).stdout().strip()).isEqualTo(id);

        assertThat(ImageEventLog.await(since, "{{.Action}} {{.Actor.ID}}", "load " + id, "save " + id))
                .contains("load " + id, "save " + id);
    }

    @Test
    void anArchiveThatClimbsOutIsRefusedSayingWhy() throws IOException {
        Path bad = temp.resolve("bad.tar");
        try (OutputStream out = Files.newOutputStream(bad); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] content = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("../outside", true);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        Command.Result load = docker("load", "-i", bad.toString());
        assertThat(load.exitCode()).isEqualTo(1);
        assertThat(load.stderr()).contains("archive member ../outside");
        Command.Result empty = docker("load", "-i", "/dev/null");
        assertThat(empty.exitCode()).isEqualTo(1);
    }
}
