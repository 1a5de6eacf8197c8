package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Images as the docker CLI sees them: the busybox Berth makes on a fresh machine, tag, history, rmi, system df, events. */
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
}
