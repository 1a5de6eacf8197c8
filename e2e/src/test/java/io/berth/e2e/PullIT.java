package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testkit.fixtures.FixtureImages;
import io.berth.testkit.fixtures.OtherRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker login and docker pull with the CLI from another registry (Debian's docker-registry with Basic auth), then
 * docker run of what was pulled; the CLI's progress lines and the pull event; docker push to Berth's own registry and
 * back.
 */
@ExtendWith(Berth.class)
class PullIT {
    private static final Duration PULL = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    @Test
    void loginPullAndRunFromARegistryWithBasicAuth() {
        try (OtherRegistry registry = OtherRegistry.withBasicAuth(temp.resolve("registry"), "alice", "s3cret")) {
            registry.push(FixtureImages.DEBIAN, "acme/debian:12");
            String image = registry.address() + "/acme/debian:12";
            // The CLI keeps credentials in its own config: one of this test's, not the machine's.
            Map<String, String> env = Map.of("DOCKER_HOST", Berth.GATEWAY, "DOCKER_CONFIG", temp.resolve("cli").toString());
            String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);

            Command.Result refused = Command.run(env, PULL, List.of("docker", "pull", image));
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("no basic auth credentials");

            Command.Result wrong = Command.run(env, PULL, List.of("docker", "login", "-u", "alice", "-p", "wrong", registry.address()));
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(wrong.stderr()).contains("401 Unauthorized");
            Command.Result login = Command.run(env, PULL, List.of("docker", "login", "-u", "alice", "-p", "s3cret", registry.address()));
            assertThat(login.exitCode()).as("%s", login).isZero();
            assertThat(login.stdout()).contains("Login Succeeded");

            Command.Result pull = Command.run(env, PULL, List.of("docker", "pull", image));
            assertThat(pull.exitCode()).as("%s", pull).isZero();
            assertThat(pull.stdout()).contains("12: Pulling from acme/debian", "Pull complete", "Digest: sha256:",
                    "Status: Downloaded newer image for " + image);
            assertThat(pull.stdout().strip()).endsWith(image);

            Command.Result run = docker("run", "--rm", image, "cat", "/etc/debian_version");
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout().strip()).startsWith("12.");

            Command.Result again = Command.run(env, PULL, List.of("docker", "pull", image));
            assertThat(again.stdout()).contains("Status: Image is up to date for " + image);
            assertThat(ImageEventLog.await(since, "{{.Action}} {{.Actor.ID}}", "pull " + image)).contains("pull " + image);
        }
    }

    @Test
    void tagPushToBerthsOwnRegistryRmiAndPullBack() {
        String image = Berth.REGISTRY + "/team/app:v1";
        assertThat(docker("tag", "busybox", image).exitCode()).isZero();
        String id = docker("image", "inspect", "--format", "{{.Id}}", image).stdout().strip();
        Command.Result push = docker(PULL, "push", image);
        assertThat(push.exitCode()).as("%s", push).isZero();
        assertThat(push.stdout()).contains("The push refers to repository [" + Berth.REGISTRY + "/team/app]", "Pushed",
                "v1: digest: sha256:");

        assertThat(docker("rmi", image).exitCode()).isZero();
        Command.Result pull = docker(PULL, "pull", image);
        assertThat(pull.exitCode()).as("%s", pull).isZero();
        assertThat(pull.stdout()).contains("Status: Downloaded newer image for " + image);
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", image).stdout().strip()).isEqualTo(id);
    }
}
