package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mounts on {@code docker run} through the real docker CLI: named volumes that keep data across containers, a host
 * directory seen live, read-only volumes, tmpfs and read-only roots, copy-up from the image, the in-use refusal,
 * anonymous volumes going with {@code --rm} and {@code rm -v}, {@code ps --filter volume}, and the mount mistakes a user
 * makes. Each test uses names of its own.
 */
@ExtendWith(Berth.class)
class MountsIT {
    private static Command.Result ok(String... args) {
        Command.Result result = docker(args);
        assertThat(result.exitCode()).as("docker %s\n%s", String.join(" ", args), result).isZero();
        return result;
    }

    @Test
    void aNamedVolumeKeepsWhatOneContainerWroteForTheNext() {
        ok("volume", "create", "m-data");
        ok("run", "--rm", "-v", "m-data:/d", "busybox", "sh", "-c", "echo kept > /d/f");

        assertThat(ok("run", "--rm", "-v", "m-data:/d", "busybox", "cat", "/d/f").stdout()).isEqualTo("kept\n");
        // Each container's start and stop show as the volume's mount and unmount.
        assertThat(ContainersIT.eventually(() -> ok("events", "--since", "10m", "--until", "0s", "--filter", "type=volume",
                "--filter", "volume=m-data", "--format", "{{.Action}}").stdout(), "create\nmount\nunmount\nmount\nunmount\n"))
                .isEqualTo("create\nmount\nunmount\nmount\nunmount\n");
        // run -v makes a volume that does not exist yet, as docker does.
        assertThat(ok("run", "--rm", "-v", "m-made:/d", "busybox", "sh", "-c", "echo new > /d/f; cat /d/f").stdout())
                .isEqualTo("new\n");
        assertThat(ok("volume", "ls", "-q").stdout().lines()).contains("m-made");
    }

    @Test
    void aHostDirectorySeesChangesMadeAfterTheContainerStarted() throws IOException {
        Path app = Files.createTempDirectory(Path.of("/tmp"), "berth-e2e-app-");
        try {
            String id = ok("run", "-d", "-v", app + ":/app", "busybox", "sh", "-c",
                    "while [ ! -f /app/changed ]; do sleep 0.1; done; cat /app/changed").stdout().strip();
            Files.writeString(app.resolve("changed"), "seen live\n");

            assertThat(ok("wait", id).stdout()).isEqualTo("0\n");
            assertThat(ok("logs", id).stdout()).isEqualTo("seen live\n");
            ok("rm", id);
        } finally {
            deleteTree(app);
        }
    }

    @Test
    void readOnlyVolumesRefuseWritesAndTmpfsTakesThemOnAReadOnlyRoot() {
        ok("volume", "create", "m-ro");
        Command.Result ro = docker("run", "--rm", "-v", "m-ro:/d:ro", "busybox", "sh", "-c", "echo x > /d/f");
        assertThat(ro.exitCode()).isNotZero();
        assertThat(ro.stderr()).contains("Read-only file system");

        assertThat(ok("run", "--rm", "--read-only", "--tmpfs", "/tmp", "busybox", "sh", "-c",
                "echo t > /tmp/f && cat /tmp/f; touch /x || echo refused").stdout()).isEqualTo("t\nrefused\n");
        assertThat(ok("run", "--rm", "--mount", "type=tmpfs,destination=/scratch,tmpfs-size=1m", "busybox", "sh", "-c",
                "grep ' /scratch ' /proc/mounts | cut -d' ' -f3").stdout()).isEqualTo("tmpfs\n");
    }

    @Test
    void anEmptyVolumeIsFilledFromTheImage() {
        assertThat(ok("run", "--rm", "-v", "m-bins:/bin", "busybox", "ls", "/bin/busybox").stdout()).isEqualTo("/bin/busybox\n");
        // Once filled, the volume keeps its own content: a second container sees what the first left.
        ok("run", "--rm", "-v", "m-bins:/bin", "busybox", "sh", "-c", "echo mine > /bin/mark");
        assertThat(ok("run", "--rm", "-v", "m-bins:/bin", "busybox", "cat", "/bin/mark").stdout()).isEqualTo("mine\n");
        // volume-nocopy: the volume stays empty, so /bin has nothing to run.
        Command.Result nocopy = docker("run", "--rm", "--mount", "type=volume,src=m-empty,dst=/bin,volume-nocopy", "busybox", "true");
        assertThat(nocopy.exitCode()).as("%s", nocopy).isEqualTo(127);
        assertThat(nocopy.stderr()).contains("executable file not found");
    }

    @Test
    void aVolumeInUseIsNotRemovedAndInspectAndPsShowTheMount() {
        String id = ok("run", "-d", "--name", "m-user", "-v", "m-busy:/data", "busybox", "sleep", "60").stdout().strip();
        try {
            Command.Result rm = docker("volume", "rm", "m-busy");
            assertThat(rm.exitCode()).isNotZero();
            assertThat(rm.stderr()).contains("remove m-busy: volume is in use - [" + id + "]");
            assertThat(ok("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}}{{end}}", "m-user")
                    .stdout()).isEqualTo("volume m-busy /data true\n");
            assertThat(ok("ps", "-q", "--no-trunc", "--filter", "volume=m-busy").stdout()).isEqualTo(id + "\n");
            assertThat(ok("volume", "ls", "-q", "--filter", "dangling=false").stdout().lines()).contains("m-busy");
        } finally {
            ok("rm", "-f", "m-user");
        }
        assertThat(ContainersIT.eventually(() -> docker("volume", "rm", "m-busy").stdout(), "m-busy\n")).isEqualTo("m-busy\n");
    }

    @Test
    void anonymousVolumesGoWithRmVAndWithRunRm() {
        String created = ok("create", "-v", "/anon", "busybox", "true").stdout().strip();
        String volume = ok("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", created).stdout().strip();
        assertThat(volume).matches("[0-9a-f]{64}");

        ok("rm", "-v", created);
        assertThat(ContainersIT.eventually(() -> docker("volume", "inspect", volume).exitCode() == 0 ? "there" : "gone",
                "gone")).isEqualTo("gone");

        // The container's own mount table names the volume's data directory, and so the volume.
        String mountinfo = ok("run", "--rm", "-v", "/anon2", "busybox", "grep", " /anon2 ", "/proc/self/mountinfo").stdout();
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("volumes/default/([0-9a-f]{64})/_data").matcher(mountinfo);
        assertThat(name.find()).as(mountinfo).isTrue();
        assertThat(ContainersIT.eventually(() -> docker("volume", "inspect", name.group(1)).exitCode() == 0 ? "there" : "gone",
                "gone")).isEqualTo("gone");
    }

    @Test
    void mountMistakesAreRefusedInDockersWordsAndMakeNothing() {
        assertRefused(docker("run", "--rm", "-v", "m-x:/d:bogus", "busybox", "true"), "invalid mode: bogus");
        assertRefused(docker("run", "--rm", "-v", "m-x:rel", "busybox", "true"),
                "invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute");
        assertRefused(docker("run", "--rm", "-v", "m-x:/d", "-v", "m-y:/d", "busybox", "true"), "Duplicate mount point: /d");
        assertRefused(docker("run", "--rm", "--mount", "type=bind,src=/nonexistent-berth-e2e,dst=/d", "busybox", "true"),
                "invalid mount config for type \"bind\": bind source path does not exist: /nonexistent-berth-e2e");
        assertRefused(docker("run", "--rm", "-v", Berth.HOME.getParent() + ":/host", "busybox", "true"),
                "holds Berth's state root");
        assertRefused(docker("run", "--rm", "-v", Berth.HOME.resolve("volumes") + ":/peek", "busybox", "true"),
                "is inside Berth's state root");
        // --volumes-from of a missing container is a 404 on create, which the CLI takes for a missing image and pulls
        // (as with dockerd): its answer is checked at the API in container-service's ContainerMountsIT instead.

        assertThat(ok("volume", "ls", "-q").stdout().lines()).doesNotContain("m-x", "m-y");
        assertThat(Path.of("/nonexistent-berth-e2e")).doesNotExist();
    }

    /**
     * Every form of {@code -v}, {@code --mount} and {@code --tmpfs} the docker CLI sends, in one container, each seen
     * in the container's own mount table; then {@code --volumes-from} of it read-only. The forms that are refused are
     * in {@link #mountMistakesAreRefusedInDockersWordsAndMakeNothing}.
     */
    @Test
    void everyMountFormIsActedOn() throws IOException {
        Path host = Files.createTempDirectory(Path.of("/tmp"), "berth-e2e-forms-");
        try {
            Files.writeString(host.resolve("from-host"), "host\n");
            String h = host.toString();
            String id = ok("create", "--name", "m-forms", "--read-only", "--volume-driver", "local",
                    "-v", "m-f1:/f/named", "-v", "m-f1:/f/named-ro:ro", "-v", "/f/anon", "-v", "m-f2:/f/nocopy:nocopy",
                    "-v", h + ":/f/bind:rw", "-v", h + ":/f/bind-z:ro,z", "-v", h + ":/f/bind-Z:Z,rprivate",
                    "-v", h + ":/f/bind-cached:cached", "-v", h + "/made:/f/made",
                    "--mount", "type=volume,src=m-f3,dst=/f/m-vol,readonly",
                    "--mount", "type=volume,src=m-f4,dst=/f/m-opt,volume-label=k=v,volume-driver=local,"
                            + "volume-opt=type=tmpfs,volume-opt=device=tmpfs,volume-opt=o=size=1m",
                    "--mount", "type=volume,dst=/f/m-anon", "--mount", "type=volume,src=m-f5,dst=/f/m-nocopy,volume-nocopy",
                    "--mount", "type=bind,src=" + h + ",dst=/f/m-bind,readonly,bind-propagation=rprivate",
                    "--mount", "type=bind,src=" + h + ",dst=/f/m-nonrec,bind-nonrecursive",
                    "--mount", "type=tmpfs,dst=/f/m-tmpfs,tmpfs-size=1m,tmpfs-mode=0700",
                    "--tmpfs", "/f/t:size=2m,exec",
                    "busybox", "sh", "-c", "awk '$5 ~ \"^/f/\" {split($6, o, \",\"); print $5, o[1], $(NF-2)}' /proc/self/mountinfo"
                            + " | sort; cat /f/bind/from-host; stat -c %a /f/m-tmpfs; touch /x 2>/dev/null || echo ro-root")
                    .stdout().strip();
            String out = ok("start", "-a", id).stdout();

            assertThat(out).contains("/f/named rw ", "/f/named-ro ro ", "/f/anon rw ", "/f/nocopy rw ", "/f/bind rw ",
                    "/f/bind-z ro ", "/f/bind-Z rw ", "/f/bind-cached rw ", "/f/made rw ", "/f/m-vol ro ",
                    "/f/m-opt rw tmpfs", "/f/m-anon rw ", "/f/m-nocopy rw ", "/f/m-bind ro ", "/f/m-nonrec rw ",
                    "/f/m-tmpfs rw tmpfs", "/f/t rw tmpfs", "host\n700\nro-root\n");
            assertThat(host.resolve("made")).isDirectory();
            assertThat(ok("volume", "inspect", "-f", "{{.Labels}} {{.Options}}", "m-f4").stdout())
                    .isEqualTo("map[k:v] map[device:tmpfs o:size=1m type:tmpfs]\n");
            // Inspect lists every mount but --tmpfs, as dockerd does.
            assertThat(ok("inspect", "-f", "{{len .Mounts}}", id).stdout()).isEqualTo("16\n");

            String shared = ok("run", "--rm", "--volumes-from", "m-forms:ro", "busybox", "sh", "-c",
                    "awk '$5 ~ \"^/f/\" {split($6, o, \",\"); print $5, o[1]}' /proc/self/mountinfo | sort").stdout();
            assertThat(shared).contains("/f/named ro", "/f/bind ro", "/f/m-anon ro")
                    .doesNotContain("/f/t ");
            ok("rm", "-v", id);
        } finally {
            deleteTree(host);
        }
    }

    private static void assertRefused(Command.Result result, String message) {
        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.stderr()).contains(message);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
