package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Map;
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
    @TestHTTPResource("/")
    URL gateway;

    @BeforeEach
    void needsTheCli() {
        assumeTrue(DockerCli.present(), "no docker CLI at " + DockerCli.DOCKER);
    }

    @Test
    void versionShowsBerthAsTheServer() throws Exception {
        DockerCli.Result version = docker("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Server.Os}}");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out().strip()).isEqualTo("27.5.1-berth 1.47 1.24 linux");
        DockerCli.Result full = docker("version");
        assertThat(full.out()).contains("Server: Berth 0.1.0").contains("Go version:       n/a")
                .contains("OS/Arch:          linux/amd64").contains("Experimental:     false")
                .doesNotContain("Built:            \n");
    }

    @Test
    void infoReportsALinuxEngineWithoutSwarm() throws Exception {
        DockerCli.Result info = docker("info", "--format", "{{.OSType}} {{.OperatingSystem}} {{.Swarm.LocalNodeState}} {{.ServerVersion}}");
        assertThat(info.exit()).as(info.err()).isZero();
        assertThat(info.out().strip()).isEqualTo("linux Berth inactive 27.5.1-berth");
    }

    @Test
    void runGetsItsOutputAndExitCodeThroughTheGateway() throws Exception {
        StandInServices.resetRun();
        DockerCli.Result run = docker("run", "--rm", "busybox", "echo", "hi");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hi\n");
    }

    @Test
    void aClientErrorShowsDockersMessage() throws Exception {
        DockerCli.Result old = dockerWithEnv("DOCKER_API_VERSION", "1.23", "version", "--format", "{{.Server.Version}}");
        assertThat(old.exit()).isNotZero();
        assertThat(old.err()).contains("client version 1.23 is too old. Minimum supported API version is 1.24");
    }

    private DockerCli.Result docker(String... args) throws Exception {
        return DockerCli.run(gateway.getPort(), Map.of(), args);
    }

    private DockerCli.Result dockerWithEnv(String name, String value, String... args) throws Exception {
        return DockerCli.run(gateway.getPort(), Map.of(name, value), args);
    }
}
