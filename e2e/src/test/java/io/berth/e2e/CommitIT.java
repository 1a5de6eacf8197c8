package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker commit} with the real docker CLI: a container's change (a new file, a deleted one) becomes a layer of
 * a new image that runs, with {@code --change}, {@code -m}, {@code -a}, the history line and the events dockerd
 * writes; a running container is committed (paused meanwhile) and keeps running; an unchanged container adds no
 * layer; bad requests get dockerd's words and leave no image behind.
 */
@ExtendWith(Berth.class)
class CommitIT {

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aContainersChangeBecomesAnImageThatRuns() {
        String name = "commit-" + unique();
        String tag = "e2e/committed-" + unique() + ":1";
        String since = Long.toString(System.currentTimeMillis() / 1000 - 1);
        Command.Result ran = docker("run", "--name", name, "busybox", "sh", "-c", "echo hi > /f.txt && rm /bin/vi");
        assertThat(ran.exitCode()).as("%s", ran).isZero();

        Command.Result commit = docker("commit", "-m", "a message", "-a", "someone", "--change", "ENV A=1",
                "--change", "CMD [\"cat\", \"/f.txt\"]", "--change", "EXPOSE 80", name, tag);
        assertThat(commit.exitCode()).as("%s", commit).isZero();
        String id = commit.stdout().strip();
        assertThat(id).matches("sha256:[0-9a-f]{64}");
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", tag).stdout().strip()).isEqualTo(id);

        Command.Result run = docker("run", "--rm", tag);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("hi\n");
        assertThat(docker("run", "--rm", tag, "ls", "/bin/vi").exitCode()).as("the deletion is in the layer").isNotZero();

        Command.Result inspect = docker("image", "inspect", "--format",
                "{{.Author}}|{{.Comment}}|{{json .Config.Env}}|{{json .Config.Cmd}}|{{json .Config.ExposedPorts}}|{{len .RootFS.Layers}}",
                tag);
        int baseLayers = Integer.parseInt(docker("image", "inspect", "--format", "{{len .RootFS.Layers}}", "busybox")
                .stdout().strip());
        assertThat(inspect.stdout().strip()).isEqualTo("someone|a message|[\"PATH=/usr/local/sbin:/usr/local/bin:"
                + "/usr/sbin:/usr/bin:/sbin:/bin\",\"A=1\"]|[\"cat\",\"/f.txt\"]|{\"80/tcp\":{}}|" + (baseLayers + 1));
        Command.Result history = docker("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", tag);
        assertThat(history.stdout().lines().findFirst().orElseThrow())
                .isEqualTo("sh -c echo hi > /f.txt && rm /bin/vi|a message");

        List<String> events = awaitEvents(since, "container commit " + name + " " + id + " " + tag);
        assertThat(events).contains("container commit " + name + " " + id + " " + tag);
        assertThat(docker("rm", name).exitCode()).isZero();
    }

    @Test
    void aRunningContainerIsCommittedAndKeepsRunning() {
        String name = "commit-running-" + unique();
        Command.Result started = docker("run", "-d", "--name", name, "busybox", "sh", "-c",
                "echo ready > /ready; echo started; while true; do sleep 0.1; done");
        assertThat(started.exitCode()).as("%s", started).isZero();
        for (int i = 0; i < 40 && !docker("logs", name).stdout().contains("started"); i++) {
            sleep();
        }
        Command.Result commit = docker("commit", name);
        assertThat(commit.exitCode()).as("%s", commit).isZero();
        String id = commit.stdout().strip();
        assertThat(docker("inspect", "--format", "{{.State.Status}}", name).stdout().strip()).isEqualTo("running");
        Command.Result run = docker("run", "--rm", id, "cat", "/ready");
        assertThat(run.exitCode()).as("an untagged image runs by its id: %s", run).isZero();
        assertThat(run.stdout()).isEqualTo("ready\n");
        assertThat(docker("rm", "-f", name).exitCode()).isZero();
    }

    @Test
    void anUnchangedContainerAddsNoLayer() {
        String name = "commit-empty-" + unique();
        assertThat(docker("create", "--name", name, "busybox").exitCode()).isZero();
        String tag = "e2e/empty-" + unique();
        Command.Result commit = docker("commit", name, tag);
        assertThat(commit.exitCode()).as("%s", commit).isZero();
        assertThat(docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", tag).stdout())
                .isEqualTo(docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", "busybox").stdout());
        assertThat(docker("history", "--format", "{{.Size}}", tag).stdout().lines().findFirst().orElseThrow()).isEqualTo("0B");
        assertThat(docker("rm", name).exitCode()).isZero();
    }

    @Test
    void badRequestsGetDockersWordsAndLeaveNoImage() {
        String name = "commit-bad-" + unique();
        assertThat(docker("create", "--name", name, "busybox").exitCode()).isZero();
        String images = docker("images", "-a", "-q", "--no-trunc").stdout();

        Command.Result missing = docker("commit", "no-such-container-" + unique(), "e2e/x");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("Error response from daemon: No such container: no-such-container-");

        Command.Result run = docker("commit", "--change", "RUN true", name, "e2e/x");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("Error response from daemon: run is not a valid change command");

        Command.Result env = docker("commit", "--change", "ENV A", name, "e2e/x");
        assertThat(env.exitCode()).isNotZero();
        assertThat(env.stderr()).contains("Error response from daemon: ENV must have two arguments");

        assertThat(docker("images", "-a", "-q", "--no-trunc").stdout()).isEqualTo(images);
        assertThat(docker("rm", name).exitCode()).isZero();
    }

    /** {@code docker events} container lines since {@code since}, as {@code <type> <action> <name> <imageID> <imageRef>}. */
    private static List<String> awaitEvents(String since, String expected) {
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 40; attempt++) {
            lines = docker("events", "--since", since, "--until", "0s", "--filter", "event=commit", "--format",
                    "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.imageID}} {{.Actor.Attributes.imageRef}}")
                    .stdout().lines().toList();
            if (lines.contains(expected)) {
                return lines;
            }
            sleep();
        }
        return lines;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
