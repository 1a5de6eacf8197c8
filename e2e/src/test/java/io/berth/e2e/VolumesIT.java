package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker volume} through the real docker CLI: create, inspect, ls with filters, rm, prune, their events, and
 * the mistakes a user makes, answered in Docker's words with nothing made. Each test uses names of its own.
 */
@ExtendWith(Berth.class)
class VolumesIT {
    private static Command.Result ok(String... args) {
        Command.Result result = docker(args);
        assertThat(result.exitCode()).as("docker %s\n%s", String.join(" ", args), result).isZero();
        return result;
    }

    @Test
    void volumeLsAnswersWithDockersHeader() {
        Command.Result ls = ok("volume", "ls");

        assertThat(ls.stdout().lines().findFirst()).hasValueSatisfying(header -> assertThat(header).matches("DRIVER\\s+VOLUME NAME"));
    }

    @Test
    void aVolumeIsMadeOnTheNodeInspectedListedAndRemoved() {
        assertThat(ok("volume", "create", "--label", "suite=volumes", "v-made").stdout()).isEqualTo("v-made\n");

        String mountpoint = ok("volume", "inspect", "-f", "{{.Mountpoint}}", "v-made").stdout().strip();
        assertThat(mountpoint).isEqualTo(Berth.HOME.resolve("volumes/default/v-made/_data").toString());
        assertThat(Path.of(mountpoint)).isDirectory();
        assertThat(ok("volume", "inspect", "-f", "{{.Driver}} {{.Scope}} {{.Labels}}", "v-made").stdout())
                .isEqualTo("local local map[suite:volumes]\n");
        assertThat(ok("volume", "ls", "-q", "--filter", "label=suite=volumes").stdout().lines()).contains("v-made");
        assertThat(ok("volume", "ls", "-q", "--filter", "dangling=true", "--filter", "name=v-made").stdout()).isEqualTo("v-made\n");

        assertThat(ok("volume", "rm", "v-made").stdout()).isEqualTo("v-made\n");
        assertThat(Files.exists(Path.of(mountpoint).getParent())).isFalse();
        Command.Result again = docker("volume", "inspect", "v-made");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("no such volume");
    }

    @Test
    void aVolumeWithoutANameIsAnonymousAndPruneTakesOnlySuchByDefault() {
        // Labelled, and pruned by that label: suites that ran before may have left anonymous volumes of their own.
        String anonymous = ok("volume", "create", "--label", "suite=volumes-prune").stdout().strip();
        ok("volume", "create", "--label", "suite=volumes-prune", "v-prune-named");
        assertThat(anonymous).matches("[0-9a-f]{64}");
        assertThat(ok("volume", "inspect", "-f", "{{json .Labels}}", anonymous).stdout())
                .isEqualTo("{\"com.docker.volume.anonymous\":\"\",\"suite\":\"volumes-prune\"}\n");

        ok("run", "--rm", "-v", anonymous + ":/d", "busybox", "sh", "-c", "head -c 5000 /dev/zero > /d/f");

        Command.Result prune = ok("volume", "prune", "-f", "--filter", "label=suite=volumes-prune");

        assertThat(prune.stdout()).contains("Deleted Volumes:\n" + anonymous + "\n").doesNotContain("v-prune-named")
                .contains("Total reclaimed space: 5kB");
        assertThat(ok("volume", "ls", "-q").stdout().lines()).contains("v-prune-named").doesNotContain(anonymous);
        assertThat(ok("volume", "prune", "-af", "--filter", "label!=keep").stdout()).contains("v-prune-named");
    }

    @Test
    void mistakesAreRefusedInDockersWordsAndMakeNothing() {
        assertRefused(docker("volume", "create", "a"),
                "create a: volume name is too short, names should be at least two alphanumeric characters");
        assertRefused(docker("volume", "create", "-d", "nfs-plugin", "v-bad"),
                "create v-bad: error looking up volume plugin nfs-plugin: plugin \"nfs-plugin\" not found");
        assertRefused(docker("volume", "create", "--opt", "foo=bar", "v-bad"), "create v-bad: invalid option: \"foo\"");
        assertRefused(docker("volume", "create", "--opt", "type=tmpfs", "v-bad"),
                "create v-bad: missing required option: \"device\"");
        assertRefused(docker("volume", "rm", "v-never"), "get v-never: no such volume");

        assertThat(ok("volume", "ls", "-q").stdout().lines()).doesNotContain("v-bad", "a");
        assertThat(Berth.HOME.resolve("volumes/default/v-bad")).doesNotExist();
        ok("volume", "rm", "-f", "v-never");
    }

    @Test
    void createAndDestroyShowInDockerEvents() {
        ok("volume", "create", "v-evented");
        ok("volume", "rm", "v-evented");

        // The relay publishes right after the commit; a query at once may come before it.
        String shown = ContainersIT.eventually(() -> ok("events", "--since", "10m", "--until", "0s", "--filter", "type=volume",
                "--filter", "volume=v-evented", "--format", "{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.driver}}")
                .stdout(), "volume create v-evented local\nvolume destroy v-evented local\n");

        assertThat(shown).isEqualTo("volume create v-evented local\nvolume destroy v-evented local\n");
    }

    @Test
    void systemDfListsTheVolumesWithTheirSizesAndLinks() {
        ok("volume", "create", "v-df");
        ok("run", "-d", "--name", "v-df-user", "-v", "v-df:/d", "busybox", "sh", "-c", "head -c 1048576 /dev/zero > /d/f; sleep 600");
        try {
            String row = "";
            for (int attempt = 0; attempt < 30 && !row.matches("v-df\\s+1\\s+1\\.049MB"); attempt++) {
                row = ok("system", "df", "-v").stdout().lines().filter(line -> line.startsWith("v-df ")).findFirst().orElse("");
                sleep();
            }
            assertThat(row).as("docker system df -v's row of the volume: name, links, size").matches("v-df\\s+1\\s+1\\.049MB");
            assertThat(ok("system", "df").stdout().lines().filter(line -> line.startsWith("Local Volumes")).findFirst())
                    .hasValueSatisfying(line -> assertThat(line).matches("Local Volumes\\s+\\d+\\s+\\d+\\s+\\S*[1-9]\\S*B\\s+.*"));
        } finally {
            docker("rm", "-f", "v-df-user");
            docker("volume", "rm", "v-df");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertRefused(Command.Result result, String message) {
        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.stderr()).contains(message);
    }
}
