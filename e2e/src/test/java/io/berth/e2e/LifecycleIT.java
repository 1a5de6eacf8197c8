package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lifecycle verbs through the real docker CLI: rename, pause and unpause, restart, stop with the container's stop
 * signal and timeout, container prune; the refusals in Docker Engine 20.10's words.
 */
@ExtendWith(Berth.class)
class LifecycleIT {
    @Test
    void renameGivesARunningContainerItsNewNameAndAnnouncesTheOldOne() throws Exception {
        Command.Result run = docker("run", "-d", "--name", "lc-before", "busybox", "sleep", "60");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            Command.Result rename = docker("rename", "lc-before", "lc-after");
            assertThat(rename.exitCode()).as("%s", rename).isZero();
            assertThat(docker("ps", "--format", "{{.Names}}").stdout().lines()).contains("lc-after")
                    .doesNotContain("lc-before");
            assertThat(docker("inspect", "--format", "{{.Name}}", "lc-after").stdout().trim()).isEqualTo("/lc-after");

            Command.Result same = docker("rename", "lc-after", "lc-after");
            assertThat(same.exitCode()).isEqualTo(1);
            assertThat(same.stderr()).contains("Renaming a container with the same name as its current name");

            // The event reaches /events through Kafka: it may come a moment after the CLI is done.
            long deadline = System.currentTimeMillis() + 20_000;
            String shown = "";
            while (!shown.contains("rename lc-after /lc-before") && System.currentTimeMillis() < deadline) {
                shown = docker("events", "--since", "10m", "--until", "0s", "--filter", "event=rename", "--format",
                        "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.oldName}}").stdout();
                Thread.sleep(200);
            }
            assertThat(shown).contains("rename lc-after /lc-before");
        } finally {
            docker("rm", "-f", "lc-after", "lc-before");
        }
    }

    /** The events of one action, as {@code docker events} shows them once they came through Kafka. */
    private static String awaitEvents(String action, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        String shown = "";
        while (!shown.contains(expected) && System.currentTimeMillis() < deadline) {
            shown = docker("events", "--since", "10m", "--until", "0s", "--filter", "event=" + action, "--format",
                    "{{.Action}} {{.Actor.Attributes.name}}").stdout();
            Thread.sleep(200);
        }
        return shown;
    }

    private static int lines(String container) throws Exception {
        return (int) docker("logs", container).stdout().lines().count();
    }

    @Test
    void pauseFreezesAContainerUnpauseThawsItAndAPausedOneRefusesWhatDockerRefuses() throws Exception {
        Command.Result run = docker("run", "-d", "--name", "lc-pause", "busybox", "sh", "-c",
                "while true; do echo t; sleep 0.1; done");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            Command.Result pause = docker("pause", "lc-pause");
            assertThat(pause.exitCode()).as("%s", pause).isZero();
            assertThat(docker("inspect", "--format", "{{.State.Status}} {{.State.Running}} {{.State.Paused}}",
                    "lc-pause").stdout().trim()).isEqualTo("paused true true");
            assertThat(docker("ps", "--filter", "name=lc-pause", "--format", "{{.Status}}").stdout().trim())
                    .startsWith("Up ").endsWith("(Paused)");
            int frozen = lines("lc-pause");
            Thread.sleep(600);
            assertThat(lines("lc-pause")).isEqualTo(frozen);

            Command.Result again = docker("pause", "lc-pause");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).contains("is already paused");
            Command.Result exec = docker("exec", "lc-pause", "true");
            assertThat(exec.exitCode()).isEqualTo(1);
            assertThat(exec.stderr()).contains("Container lc-pause is paused, unpause the container before exec");
            Command.Result rm = docker("rm", "lc-pause");
            assertThat(rm.exitCode()).isEqualTo(1);
            assertThat(rm.stderr()).contains("You cannot remove a paused container");

            Command.Result unpause = docker("unpause", "lc-pause");
            assertThat(unpause.exitCode()).as("%s", unpause).isZero();
            Thread.sleep(600);
            assertThat(lines("lc-pause")).isGreaterThan(frozen);
            Command.Result notPaused = docker("unpause", "lc-pause");
            assertThat(notPaused.exitCode()).isEqualTo(1);
            assertThat(notPaused.stderr()).contains("is not paused");

            // A kill of a paused container thaws it, so that the signal ends it.
            assertThat(docker("pause", "lc-pause").exitCode()).isZero();
            Command.Result kill = docker("kill", "lc-pause");
            assertThat(kill.exitCode()).as("%s", kill).isZero();
            assertThat(docker("wait", "lc-pause").stdout().trim()).isEqualTo("137");
            // The unpause asked for, and the one the kill's thaw announces.
            assertThat(awaitEvents("unpause", "unpause lc-pause\nunpause lc-pause"))
                    .contains("unpause lc-pause\nunpause lc-pause");
            assertThat(awaitEvents("pause", "pause lc-pause")).contains("pause lc-pause");
        } finally {
            docker("rm", "-f", "lc-pause");
        }
    }

    @Test
    void restartStopsWithTheStopTimeoutAndStartsAgain() throws Exception {
        // sleep as PID 1 ignores SIGTERM: the stop timeout of 1 s decides when SIGKILL comes.
        Command.Result run = docker("run", "-d", "--name", "lc-restart", "--stop-timeout", "1", "busybox", "sleep", "600");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            String before = docker("inspect", "--format", "{{.State.StartedAt}}", "lc-restart").stdout().trim();
            long began = System.nanoTime();
            Command.Result restart = docker("restart", "lc-restart");
            assertThat(restart.exitCode()).as("%s", restart).isZero();
            assertThat((System.nanoTime() - began) / 1_000_000).isBetween(900L, 8_000L);
            assertThat(docker("inspect", "--format", "{{.State.Status}} {{.Config.StopTimeout}}", "lc-restart")
                    .stdout().trim()).isEqualTo("running 1");
            assertThat(docker("inspect", "--format", "{{.State.StartedAt}}", "lc-restart").stdout().trim())
                    .isNotEqualTo(before);
            assertThat(awaitEvents("restart", "restart lc-restart")).contains("restart lc-restart");

            Command.Result nobody = docker("restart", "lc-nobody");
            assertThat(nobody.exitCode()).isEqualTo(1);
            assertThat(nobody.stderr()).contains("No such container: lc-nobody");
        } finally {
            docker("rm", "-f", "lc-restart");
        }
    }

    @Test
    void stopSendsTheContainersStopSignal() throws Exception {
        Command.Result run = docker("run", "-d", "--name", "lc-stop-signal", "--stop-signal", "USR1", "busybox", "sh", "-c",
                "trap 'exit 3' USR1; while true; do sleep 0.1; done");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            assertThat(docker("inspect", "--format", "{{.Config.StopSignal}}", "lc-stop-signal").stdout().trim())
                    .isEqualTo("USR1");
            Thread.sleep(300);
            long began = System.nanoTime();
            Command.Result stop = docker("stop", "lc-stop-signal");
            assertThat(stop.exitCode()).as("%s", stop).isZero();
            assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(5_000L);
            assertThat(docker("inspect", "--format", "{{.State.ExitCode}}", "lc-stop-signal").stdout().trim())
                    .isEqualTo("3");

            Command.Result bad = docker("create", "--stop-signal", "FOO", "busybox");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.stderr()).contains("Invalid signal: FOO");
        } finally {
            docker("rm", "-f", "lc-stop-signal");
        }
    }

    @Test
    void containerPruneRemovesWhatDoesNotRunAndMatchesTheFilter() throws Exception {
        String goes = docker("create", "--name", "lc-prune-goes", "--label", "lc-prune=1", "busybox").stdout().trim();
        docker("create", "--name", "lc-prune-stays", "busybox");
        docker("run", "-d", "--name", "lc-prune-runs", "--label", "lc-prune=1", "busybox", "sleep", "600");
        try {
            Command.Result prune = docker("container", "prune", "-f", "--filter", "label=lc-prune=1");
            assertThat(prune.exitCode()).as("%s", prune).isZero();
            assertThat(prune.stdout()).contains("Deleted Containers:\n" + goes + "\n").contains("Total reclaimed space: 0B");
            assertThat(docker("ps", "-a", "--format", "{{.Names}}").stdout().lines())
                    .contains("lc-prune-stays", "lc-prune-runs").doesNotContain("lc-prune-goes");

            Command.Result bad = docker("container", "prune", "-f", "--filter", "until=xx");
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.stderr()).contains("failed to parse value as time or duration: \"xx\"");
            assertThat(awaitEvents("prune", "prune")).contains("prune");
        } finally {
            docker("rm", "-f", "lc-prune-goes", "lc-prune-stays", "lc-prune-runs");
        }
    }
}
