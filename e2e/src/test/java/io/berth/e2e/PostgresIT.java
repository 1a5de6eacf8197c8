package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testkit.fixtures.FixtureImages;
import io.berth.testkit.fixtures.OtherRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL fixture as a user meets it: logged in to and pulled from a registry with Basic auth (issue 7), run
 * with a named volume on a user network, a table written by psql from a second container that finds the server by
 * name; then the server is removed with {@code rm -f}, and a new one on the same volume has the table (issue 10).
 */
@ExtendWith(Berth.class)
class PostgresIT {
    private static final Duration PULL = Duration.ofMinutes(5);
    private static final String NETWORK = "pg-e2e-net";
    private static final String VOLUME = "pg-e2e-data";

    @TempDir
    Path temp;

    @Test
    void aDatabaseOnANamedVolumeOutlivesItsContainer() {
        try (OtherRegistry registry = OtherRegistry.withBasicAuth(temp.resolve("registry"), "alice", "s3cret")) {
            registry.push(FixtureImages.POSTGRES, "acme/postgres:15");
            String image = registry.address() + "/acme/postgres:15";
            Map<String, String> env = Map.of("DOCKER_HOST", Berth.GATEWAY, "DOCKER_CONFIG", temp.resolve("cli").toString());
            Command.Result login = Command.run(env, PULL, List.of("docker", "login", "-u", "alice", "-p", "s3cret", registry.address()));
            assertThat(login.exitCode()).as("%s", login).isZero();
            Command.Result pull = Command.run(env, PULL, List.of("docker", "pull", image));
            assertThat(pull.exitCode()).as("%s", pull).isZero();
            assertThat(pull.stdout()).contains("Pull complete", "Status: Downloaded newer image for " + image);

            try {
                assertThat(docker("volume", "create", VOLUME).exitCode()).isZero();
                assertThat(docker("network", "create", NETWORK).exitCode()).isZero();
                startServer("pg-e2e-one", image);
                psql(image, "pg-e2e-one", "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('kept across containers')");
                assertThat(docker("logs", "pg-e2e-one").stdout()).contains("PostgreSQL init process complete");

                Command.Result removed = docker("rm", "-f", "pg-e2e-one");
                assertThat(removed.exitCode()).as("%s", removed).isZero();
                startServer("pg-e2e-two", image);
                assertThat(psql(image, "pg-e2e-two", "SELECT v FROM kept").strip()).isEqualTo("kept across containers");
                assertThat(docker("logs", "pg-e2e-two").stdout()).as("the second server found the database made")
                        .doesNotContain("PostgreSQL init process complete");
            } finally {
                docker("rm", "-f", "pg-e2e-one", "pg-e2e-two");
                docker("network", "rm", NETWORK);
                docker("volume", "rm", VOLUME);
                docker("rmi", image);
            }
        }
    }

    private static void startServer(String name, String image) {
        Command.Result run = docker("run", "-d", "--name", name, "--network", NETWORK, "-v", VOLUME + ":/var/lib/postgresql/data",
                "-e", "POSTGRES_PASSWORD=pw", image);
        assertThat(run.exitCode()).as("%s", run).isZero();
    }

    /** Runs {@code sql} with psql from a client container on the network, retried while the server starts. */
    private static String psql(String image, String server, String sql) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Command.Result last;
        do {
            last = docker("run", "--rm", "--network", NETWORK, "-e", "PGPASSWORD=pw", image,
                    "psql", "-h", server, "-U", "postgres", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql);
            if (last.exitCode() == 0) {
                return last.stdout();
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("psql never reached " + server + ": " + last + "\nserver logs:\n" + docker("logs", server));
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
