package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testkit.fixtures.FixtureImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose 1.29 (Debian's {@code docker-compose}, on docker-py 5) driving Berth with multi-service projects
 * from {@code src/test/resources/compose}: the seed's web + PostgreSQL shape, built, published, counted, taken down
 * and brought back on its named volume. Images are built through docker-py's build API
 * ({@code COMPOSE_DOCKER_CLI_BUILD=0}): the docker CLI's build is {@link BuildsIT}'s.
 */
@ExtendWith(Berth.class)
class ComposeIT {
    private static final List<String> FIXTURES = List.of(FixtureImages.WEBAPP, FixtureImages.POSTGRES);

    @TempDir
    static Path temp;

    @BeforeAll
    static void loadFixtures() {
        for (String name : FIXTURES) {
            Command.Result load = docker(Duration.ofMinutes(5), "load", "-i", FixtureImages.archive(name).toString());
            assertThat(load.exitCode()).as("%s", load).isZero();
        }
    }

    @AfterAll
    static void removeFixtures() {
        for (String name : FIXTURES) {
            docker("rmi", FixtureImages.reference(name));
        }
    }

    @Test
    void theSeedsWebAndDbCountVisitsOnANamedVolumeThatOutlivesDownButNotDownV() {
        ComposeProject seed = ComposeProject.copy("seed", temp);
        try {
            Command.Result up = seed.compose("up", "-d");
            assertThat(up.exitCode()).as("%s", up).isZero();
            assertThat(up.stderr()).contains("Creating network \"seed_default\" with the default driver",
                    "Creating volume \"seed_dbdata\" with default driver", "Building web", "Creating seed_db_1",
                    "Creating seed_web_1");
            assertThat(up.stdout()).contains("Step 1/3 : FROM berth-test/webapp:latest", "Successfully tagged seed_web:latest");

            int first = seed.visits();
            assertThat(seed.visits()).isEqualTo(first + 1);

            Command.Result ps = seed.compose("ps");
            assertThat(ps.exitCode()).as("%s", ps).isZero();
            assertThat(ps.stdout().lines().filter(line -> line.startsWith("seed_web_1")).findFirst().orElseThrow())
                    .contains("Up", "0.0.0.0:" + seed.webPort() + "->5000/tcp");
            assertThat(ps.stdout().lines().filter(line -> line.startsWith("seed_db_1")).findFirst().orElseThrow())
                    .contains("Up", "5432/tcp");

            Command.Result logs = seed.compose("logs", "--no-color");
            assertThat(logs.exitCode()).as("%s", logs).isZero();
            assertThat(logs.stdout()).contains("db_1   | PostgreSQL init process complete; ready for start up.")
                    .containsPattern("web_1  \\| .*\"GET / HTTP/1.1\" 200 -");

            Command.Result down = seed.compose("down");
            assertThat(down.exitCode()).as("%s", down).isZero();
            assertThat(down.stderr()).contains("Removing seed_web_1", "Removing seed_db_1", "Removing network seed_default")
                    .doesNotContain("Removing volume");
            assertThat(docker("ps", "-aq", "--filter", "label=com.docker.compose.project=seed").stdout()).isEmpty();
            assertThat(docker("network", "ls", "-q", "--filter", "name=seed_default").stdout()).isEmpty();
            assertThat(docker("volume", "ls", "-q", "--filter", "name=seed_dbdata").stdout().strip()).isEqualTo("seed_dbdata");

            Command.Result again = seed.compose("up", "-d");
            assertThat(again.exitCode()).as("%s", again).isZero();
            assertThat(again.stderr()).doesNotContain("Building web");
            assertThat(seed.visits()).as("the count survived down").isEqualTo(first + 2);
            assertThat(seed.compose("logs", "--no-color", "db").stdout()).as("the database was found, not made again")
                    .doesNotContain("PostgreSQL init process complete");

            Command.Result downV = seed.compose("down", "-v");
            assertThat(downV.exitCode()).as("%s", downV).isZero();
            assertThat(downV.stderr()).contains("Removing volume seed_dbdata");
            assertThat(docker("volume", "ls", "-q", "--filter", "name=seed_dbdata").stdout()).isEmpty();
        } finally {
            seed.compose("down", "-v", "--rmi", "local");
        }
    }

    /** A project directory copied from the test resources, and docker-compose run in it against Berth. */
    record ComposeProject(Path dir, int webPort) {
        private static final Duration TIMEOUT = Duration.ofMinutes(5);

        /** {@code compose/<name>} copied to {@code <parent>/<name>}, so that the project is called {@code name}. */
        static ComposeProject copy(String name, Path parent) {
            try {
                Path source = Path.of(ComposeIT.class.getResource("/compose/" + name).toURI());
                Path target = parent.resolve(name);
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, target.resolve(source.relativize(file).toString()));
                    }
                }
                return new ComposeProject(target, Loopback.freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code docker-compose <args>} with DOCKER_HOST on Berth, building through docker-py's own build call. */
        Command.Result compose(String... args) {
            List<String> command = new ArrayList<>(List.of("docker-compose"));
            command.addAll(List.of(args));
            return Command.run(Map.of("DOCKER_HOST", Berth.GATEWAY, "COMPOSE_DOCKER_CLI_BUILD", "0",
                    "WEB_PORT", Integer.toString(webPort)), TIMEOUT, null, command, dir);
        }

        /** One visit of the web service's page, retried while the services start; answers the count it shows. */
        int visits() {
            String page = Loopback.get(webPort, "/", Duration.ofMinutes(2));
            assertThat(page).startsWith("visits: ");
            return Integer.parseInt(page.substring("visits: ".length()).strip());
        }
    }
}
