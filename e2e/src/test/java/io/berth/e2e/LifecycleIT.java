package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lifecycle verbs through the real docker CLI: {@code docker rename} (more verbs to come, notes/issue-9.md). */
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
}
