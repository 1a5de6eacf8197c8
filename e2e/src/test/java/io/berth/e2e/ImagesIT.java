package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The busybox image Berth makes on a fresh machine, as the docker CLI sees it. */
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
    void pullingWhatIsThereSaysItIsUpToDate() {
        Command.Result pull = docker("pull", "busybox");

        assertThat(pull.exitCode()).as("%s", pull).isZero();
        assertThat(pull.stdout()).contains("Status: Image is up to date for busybox:latest");
    }
}
