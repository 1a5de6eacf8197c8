package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Looking inside containers through the real docker CLI: top, diff, export and stats, with Docker's refusals. */
@ExtendWith(Berth.class)
class LookingInsideIT {
    @Test
    void topListsTheContainersProcessesWithPsArguments() throws Exception {
        Command.Result run = docker("run", "-d", "--name", "li-top", "busybox", "sh", "-c", "sleep 601 & sleep 602");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            Thread.sleep(500);
            Command.Result top = docker("top", "li-top");
            assertThat(top.exitCode()).as("%s", top).isZero();
            assertThat(top.stdout().lines().findFirst().orElse("")).contains("UID", "PID", "PPID", "CMD");
            assertThat(top.stdout()).contains("sleep 601", "sleep 602");

            Command.Result custom = docker("top", "li-top", "-o", "pid,args");
            assertThat(custom.exitCode()).as("%s", custom).isZero();
            assertThat(custom.stdout().lines().findFirst().orElse("").trim()).matches("PID\\s+COMMAND");

            Command.Result renamed = docker("top", "li-top", "-o", "user=PID");
            assertThat(renamed.exitCode()).isEqualTo(1);
            assertThat(renamed.stderr()).contains("specifying \"user=PID\" is not allowed");
        } finally {
            docker("rm", "-f", "li-top");
        }
        docker("create", "--name", "li-top-created", "busybox");
        try {
            Command.Result stopped = docker("top", "li-top-created");
            assertThat(stopped.exitCode()).isEqualTo(1);
            assertThat(stopped.stderr()).contains("is not running");
        } finally {
            docker("rm", "-f", "li-top-created");
        }
    }

    @Test
    void diffListsWhatTheContainerAddedChangedAndDeleted() throws Exception {
        Command.Result run = docker("run", "--name", "li-diff", "busybox", "sh", "-c",
                "mkdir /newdir; echo x > /newdir/f; echo y > /tmp/z; rm /bin/true");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            Command.Result diff = docker("diff", "li-diff");
            assertThat(diff.exitCode()).as("%s", diff).isZero();
            assertThat(diff.stdout().lines().toList()).contains("A /newdir", "A /newdir/f", "C /tmp", "A /tmp/z",
                    "C /bin", "D /bin/true");
        } finally {
            docker("rm", "-f", "li-diff");
        }
        Command.Result nobody = docker("diff", "li-nobody");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.stderr()).contains("No such container: li-nobody");
    }

    @Test
    void exportWritesTheRootAsATar() throws Exception {
        Command.Result run = docker("run", "--name", "li-export", "busybox", "sh", "-c", "echo exported > /marker");
        assertThat(run.exitCode()).as("%s", run).isZero();
        Path tar = Files.createTempFile("li-export", ".tar");
        try {
            Command.Result export = docker("export", "-o", tar.toString(), "li-export");
            assertThat(export.exitCode()).as("%s", export).isZero();
            Command.Result list = Command.run(java.util.Map.of(), java.time.Duration.ofSeconds(30), "tar", "-tf", tar.toString());
            assertThat(list.stdout().lines().toList()).contains("marker", "bin/busybox", "bin/");
            Command.Result marker = Command.run(java.util.Map.of(), java.time.Duration.ofSeconds(30), "tar", "-xOf", tar.toString(), "marker");
            assertThat(marker.stdout()).isEqualTo("exported\n");
        } finally {
            Files.deleteIfExists(tar);
            docker("rm", "-f", "li-export");
        }
    }

    @Test
    void statsWithoutStreamShowsTheContainersUsage() throws Exception {
        Command.Result run = docker("run", "-d", "--name", "li-stats", "busybox", "sh", "-c",
                "while true; do i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done; sleep 0.1; done");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            Command.Result stats = docker("stats", "--no-stream", "--format",
                    "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}", "li-stats");
            assertThat(stats.exitCode()).as("%s", stats).isZero();
            String line = stats.stdout().trim();
            assertThat(line).startsWith("li-stats ").matches("li-stats \\d+\\.\\d+% [0-9.]+[KMG]i?B / [0-9.]+[KMG]i?B \\d+");
            assertThat(line).doesNotContain(" 0B / 0B");
            Command.Result json = docker("stats", "--no-stream", "--format", "{{json .}}", "li-stats");
            assertThat(json.stdout()).contains("\"Name\":\"li-stats\"");
        } finally {
            docker("rm", "-f", "li-stats");
        }
    }
}
