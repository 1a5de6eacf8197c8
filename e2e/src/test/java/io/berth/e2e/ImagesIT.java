package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Images as the docker CLI sees them: the busybox Berth makes on a fresh machine, tag, history, rmi, import, prune,
 * search, system df, events.
 */
@ExtendWith(Berth.class)
class ImagesIT {
    @Test
    void dockerImagesListsBusybox() {
        Command.Result images = docker("images", "--format", "{{.Repository}}:{{.Tag}}");

        assertThat(images.exitCode()).as("%s", images).isZero();
        assertThat(images.stdout().lines()).contains("busybox:latest");
    }

    @Test
    void inspectShowsARealImage() {
        Command.Result inspect = docker("image", "inspect", "--format", "{{.Id}} {{.Os}} {{index .Config.Cmd 0}}", "busybox");

        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        assertThat(inspect.stdout().strip()).matches("sha256:[0-9a-f]{64} linux sh");
    }

    @Test
    void inspectingAMissingImageSaysSo() {
        Command.Result inspect = docker("image", "inspect", "nosuch:1");

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stderr()).contains("No such image: nosuch:1");
    }

    @Test
    void tagHistoryAndRmiOfATagWorkAsInDockerAndShowAsEvents() {
        String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);
        Command.Result tag = docker("tag", "busybox", "e2e/tagged:1");
        assertThat(tag.exitCode()).as("%s", tag).isZero();
        Command.Result listed = docker("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}", "e2e/tagged");
        assertThat(listed.stdout()).startsWith("e2e/tagged:1 ");

        Command.Result history = docker("history", "--no-trunc", "--format", "{{.ID}} {{.Size}}", "e2e/tagged:1");
        assertThat(history.exitCode()).as("%s", history).isZero();
        assertThat(history.stdout().lines().findFirst().orElseThrow()).matches("sha256:[0-9a-f]{64} \\d.*MB");

        Command.Result rmi = docker("rmi", "e2e/tagged:1");
        assertThat(rmi.exitCode()).as("%s", rmi).isZero();
        assertThat(rmi.stdout().strip()).isEqualTo("Untagged: e2e/tagged:1");
        assertThat(docker("image", "inspect", "busybox").exitCode()).as("busybox stays").isZero();

        String id = docker("image", "inspect", "--format", "{{.Id}}", "busybox").stdout().strip();
        List<String> events = ImageEventLog.await(since, "{{.Action}} {{.Actor.Attributes.name}}", "tag e2e/tagged:1", "untag " + id);
        assertThat(events).contains("tag e2e/tagged:1", "untag " + id);
    }

    @Test
    void rmiOfWhatIsNotThereAndABadTagAreDockersErrors() {
        Command.Result rmi = docker("rmi", "nosuch/image:1");
        assertThat(rmi.exitCode()).isEqualTo(1);
        assertThat(rmi.stderr()).contains("No such image: nosuch/image:1");
        Command.Result tag = docker("tag", "busybox", "Bad/Name");
        assertThat(tag.exitCode()).isNotZero();
        assertThat(tag.stderr()).contains("invalid reference format");
    }

    @Test
    void systemDfShowsTheImages() {
        Command.Result df = docker("system", "df", "--format", "{{.Type}} {{.TotalCount}}");
        assertThat(df.exitCode()).as("%s", df).isZero();
        assertThat(df.stdout().lines()).anyMatch(line -> line.matches("Images [1-9]\\d*"));
        Command.Result verbose = docker("system", "df", "-v");
        assertThat(verbose.exitCode()).as("%s", verbose).isZero();
        // One row per image, named by its first tag (the CLI's disk_usage formatter): busybox may go by another name.
        String id = docker("image", "inspect", "--format", "{{.Id}}", "busybox").stdout().strip().substring(7, 19);
        assertThat(verbose.stdout()).contains(id);
    }

    @Test
    void importARootFileSystemRunItThenPruneItByLabelAndShowTheEvents() throws java.io.IOException {
        String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);
        String unique = Long.toString(System.nanoTime());
        java.nio.file.Path rootfs = java.nio.file.Files.createTempDirectory("e2e-rootfs");
        java.nio.file.Path tar = rootfs.resolveSibling(rootfs.getFileName() + ".tar.gz");
        try {
            java.nio.file.Files.createDirectories(rootfs.resolve("bin"));
            java.nio.file.Files.copy(java.nio.file.Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
            java.nio.file.Files.createSymbolicLink(rootfs.resolve("bin/sh"), java.nio.file.Path.of("busybox"));
            Command.Result packed = Command.run(java.util.Map.of(), java.time.Duration.ofMinutes(1),
                    "tar", "-C", rootfs.toString(), "-czf", tar.toString(), ".");
            assertThat(packed.exitCode()).as("%s", packed).isZero();

            String image = "e2e/imported:" + unique;
            Command.Result imported = docker("import", "--change", "CMD [\"/bin/sh\", \"-c\", \"echo imported $GREETING\"]",
                    "--change", "ENV GREETING=" + unique, "--change", "LABEL e2e.prune=" + unique, "-m", "from the e2e suite",
                    tar.toString(), image);
            assertThat(imported.exitCode()).as("%s", imported).isZero();
            String id = imported.stdout().strip();
            assertThat(id).matches("sha256:[0-9a-f]{64}");
            Command.Result comment = docker("image", "inspect", "--format", "{{.Comment}} {{.Config.Labels}}", image);
            assertThat(comment.stdout().strip()).isEqualTo("from the e2e suite map[e2e.prune:" + unique + "]");

            Command.Result run = docker("run", "--rm", image);
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout().strip()).isEqualTo("imported " + unique);

            // -a with the label takes this image only (every other image of the shared platform stays); the container
            // of the run above is gone, but image-service learns that from berth.containers, so try a few times.
            Command.Result prune = null;
            for (int i = 0; i < 30 && docker("image", "inspect", image).exitCode() == 0; i++) {
                prune = docker("image", "prune", "-a", "-f", "--filter", "label=e2e.prune=" + unique);
                assertThat(prune.exitCode()).as("%s", prune).isZero();
                sleep();
            }
            assertThat(prune).isNotNull();
            assertThat(prune.stdout()).contains("untagged: " + image, "deleted: " + id).containsPattern("Total reclaimed space: [1-9]");
            assertThat(docker("image", "inspect", "busybox").exitCode()).as("busybox stays").isZero();

            List<String> events = ImageEventLog.await(since, "{{.Action}} {{.Actor.ID}}", "import " + id, "delete " + id);
            assertThat(events).contains("import " + id, "tag " + id, "untag " + id, "delete " + id);
        } finally {
            Command.run(java.util.Map.of(), java.time.Duration.ofMinutes(1), "rm", "-rf", rootfs.toString(), tar.toString());
        }
    }

    @Test
    void searchSaysBerthHasNoIndex() {
        Command.Result search = docker("search", "postgres");
        assertThat(search.exitCode()).isEqualTo(1);
        assertThat(search.stderr()).contains("Berth has no image index to search");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
