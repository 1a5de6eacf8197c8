package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docker-py (Debian's python3-docker) drives Berth: the pytest suite in {@code src/test/python}, run with Debian's
 * python3 and python3-pytest against the platform's gateway and its registry. Each pytest case is listed in the
 * output, which the assertion shows when one fails; the JUnit report of the cases goes to target/docker-py.xml.
 */
@ExtendWith(Berth.class)
class DockerPyIT {
    private static final Duration SUITE = Duration.ofMinutes(15);

    @Test
    void theDockerPySuitePasses() {
        Command.Result pytest = Command.run(
                Map.of("DOCKER_HOST", Berth.GATEWAY, "BERTH_REGISTRY", Berth.REGISTRY, "PYTHONDONTWRITEBYTECODE", "1"),
                SUITE, List.of("/usr/bin/python3", "-m", "pytest", "-v", "-p", "no:cacheprovider",
                        "-W", "ignore::DeprecationWarning", "--junitxml", "target/docker-py.xml", "src/test/python"));
        assertThat(pytest.exitCode()).as("pytest of the docker-py suite\n%s", pytest).isZero();
        assertThat(pytest.stdout()).doesNotContain("SKIPPED").contains(" passed");
    }
}
