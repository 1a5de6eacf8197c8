package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against the gateway: negotiation, {@code docker version} and {@code docker info}, and a
 * {@code docker run} whose create, attach, wait and start reach the stand-in services through the gateway. The run
 * finishes only if wait's head got through before its body and the attach upgrade carried the output.
 */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class DockerCliIT {
    private static final Path DOCKER = Path.of("/usr/local/bin/docker");

    @TestHTTPResource("/")
    URL gateway;

    @BeforeEach
    void needsTheCli() {
        assumeTrue(Files.isExecutable(DOCKER), "no docker CLI at " + DOCKER);
    }

    @Test
    void versionShowsBerthAsTheServer() throws Exception {
        Result version = docker("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Server.Os}}");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out().strip()).isEqualTo("27.5.1-berth 1.47 1.24 linux");
    }

    @Test
    void infoReportsALinuxEngineWithoutSwarm() throws Exception {
        Result info = docker("info", "--format", "{{.OSType}} {{.OperatingSystem}} {{.Swarm.LocalNodeState}} {{.ServerVersion}}");
        assertThat(info.exit()).as(info.err()).isZero();
        assertThat(info.out().strip()).isEqualTo("linux Berth inactive 27.5.1-berth");
    }

    @Test
    void runGetsItsOutputAndExitCodeThroughTheGateway() throws Exception {
        StandInServices.resetRun();
        Result run = docker("run", "--rm", "busybox", "echo", "hi");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hi\n");
    }

    @Test
    void aClientErrorShowsDockersMessage() throws Exception {
        Result old = dockerWithEnv("DOCKER_API_VERSION", "1.23", "version", "--format", "{{.Server.Version}}");
        assertThat(old.exit()).isNotZero();
        assertThat(old.err()).contains("client version 1.23 is too old. Minimum supported API version is 1.24");
    }

    private Result docker(String... args) throws Exception {
        return dockerWithEnv(null, null, args);
    }

    private Result dockerWithEnv(String name, String value, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(DOCKER.toString());
        command.addAll(List.of(args));
        Path config = Files.createTempDirectory("docker-config");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + gateway.getPort());
        builder.environment().put("DOCKER_CONFIG", config.toString());
        builder.environment().remove("DOCKER_CONTEXT");
        builder.environment().remove("DOCKER_API_VERSION");
        if (name != null) {
            builder.environment().put(name, value);
        }
        Path out = Files.createTempFile("docker", ".out");
        Path err = Files.createTempFile("docker", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " hung; stderr: " + read(err));
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** What a CLI run left behind. */
    record Result(int exit, String out, String err) {
    }
}
