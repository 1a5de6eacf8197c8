package io.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.container.ContainerSpec;
import io.berth.container.mounts.MountRequest;
import io.berth.container.mounts.MountSpec;
import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerCreateRequestTest {
    @Test
    void theDockerCliBodyBecomesTheSpec() throws IOException {
        ContainerSpec spec = read(captured("docker-cli-28-create-env-user-workdir-label.json")).toSpec();

        assertThat(spec.image()).isEqualTo("busybox");
        assertThat(spec.cmd()).isNull();
        assertThat(spec.entrypoint()).isNull();
        assertThat(spec.env()).containsExactly("A=b");
        assertThat(spec.user()).isEqualTo("1000:1000");
        assertThat(spec.workingDir()).isEqualTo("/tmp");
        assertThat(spec.labels()).isEqualTo(Map.of("a", "b"));
        assertThat(spec.attachStdout()).isTrue();
        assertThat(spec.networkMode()).isEqualTo("default");
        assertThat(read(captured("docker-cli-28-run-rm.json")).toSpec().autoRemove()).isTrue();
    }

    @Test
    void cmdAndEntrypointTakeAStringAsDockersStrSliceDoes() {
        ContainerSpec spec = read("{\"Image\":\"busybox\",\"Cmd\":\"echo hi\",\"Entrypoint\":\"/bin/sh\"}").toSpec();

        assertThat(spec.cmd()).isEqualTo(List.of("echo hi"));
        assertThat(spec.entrypoint()).isEqualTo(List.of("/bin/sh"));
        assertThat(read("{\"Image\":\"busybox\",\"Cmd\":[]}").toSpec().cmd()).isEmpty();
    }

    @Test
    void namesMatchCaseInsensitivelyAsGoMatchesThem() {
        ContainerSpec spec = read("{\"image\":\"busybox\",\"cmd\":[\"true\"],\"hostconfig\":{\"autoremove\":true}}").toSpec();

        assertThat(spec.image()).isEqualTo("busybox");
        assertThat(spec.cmd()).containsExactly("true");
        assertThat(spec.autoRemove()).isTrue();
    }

    @Test
    void aWrongTypeIsRefusedNamingTheField() {
        assertRefused("{\"Cmd\":5}",
                "json: cannot unmarshal number into Config.Cmd of type string");
        assertRefused("{\"Cmd\":[\"echo\",5]}",
                "json: cannot unmarshal number into Config.Cmd of type string");
        // A single value stands for a list of one (StrSlice), so Cmd's wrong type is named as its element's.
        assertRefused("{\"Cmd\":{}}",
                "json: cannot unmarshal object into Config.Cmd of type string");
        assertRefused("{\"Tty\":\"x\"}",
                "json: cannot unmarshal string into Config.Tty of type bool");
        assertRefused("{\"Tty\":\"true\"}",
                "json: cannot unmarshal string into Config.Tty of type bool");
        assertRefused("{\"Tty\":1}",
                "json: cannot unmarshal number into Config.Tty of type bool");
        assertRefused("{\"Image\":5}",
                "json: cannot unmarshal number into Config.Image of type string");
        assertRefused("{\"Hostname\":true}",
                "json: cannot unmarshal bool into Config.Hostname of type string");
        assertRefused("{\"Labels\":{\"a\":1}}",
                "json: cannot unmarshal number into Config.Labels of type string");
        assertRefused("{\"Labels\":[\"a=b\"]}",
                "json: cannot unmarshal array into Config.Labels of type object");
        assertRefused("{\"Env\":\"A=1\"}",
                "json: cannot unmarshal string into Config.Env of type array");
        assertRefused("{\"StopTimeout\":1.5}",
                "json: cannot unmarshal number into Config.StopTimeout of type integer");
        assertRefused("{\"Healthcheck\":{\"Retries\":\"3\"}}",
                "json: cannot unmarshal string into Config.Healthcheck.Retries of type integer");
        assertRefused("{\"HostConfig\":{\"AutoRemove\":\"yes\"}}",
                "json: cannot unmarshal string into HostConfig.AutoRemove of type bool");
        assertRefused("{\"HostConfig\":{\"NetworkMode\":1}}",
                "json: cannot unmarshal number into HostConfig.NetworkMode of type string");
        assertRefused("{\"HostConfig\":5}",
                "json: cannot unmarshal number into HostConfig of type object");
        assertRefused("[]",
                "json: cannot unmarshal array into Config of type object");
        assertRefused("\"busybox\"",
                "json: cannot unmarshal string into Config of type object");
    }

    @Test
    void anEmptyOrMalformedBodyIsRefused() {
        assertRefused("{\"Image\":\"busybox\",\"Cmd\":[",
                "invalid JSON: the body ends before the JSON does");
        assertRefused("{\"Image\":busybox}",
                "invalid JSON at line 1, column 18: Unrecognized token 'busybox': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        assertRefused("", "config cannot be empty in order to create a container");
        assertRefused(" \n", "config cannot be empty in order to create a container");
    }

    @Test
    void theMountFormsAreReadAndANewerMountMemberIsRefused() {
        ContainerCreateRequest request = read("{\"Image\":\"busybox\",\"Volumes\":{\"/v\":{}},\"HostConfig\":{"
                + "\"Binds\":[\"d:/d\"],\"Tmpfs\":{\"/t\":\"\"},\"VolumesFrom\":[\"x\"],\"VolumeDriver\":\"local\","
                + "\"ReadonlyRootfs\":true,\"Mounts\":[{\"Type\":\"volume\",\"Target\":\"/m\",\"ReadOnly\":false,"
                + "\"VolumeOptions\":{\"NoCopy\":true,\"DriverConfig\":{\"Name\":\"local\",\"Options\":{}}}}]}}");

        assertThat(request.toSpec().mounts()).isEqualTo(new MountRequest(List.of("d:/d"),
                List.of(new MountSpec("volume", null, "/m", false, null, null,
                        new MountSpec.VolumeOptions(true, null,
                                new MountSpec.Driver("local", Map.of()), null), null)),
                Map.of("/t", ""), List.of("x"), "local", true, List.of("/v")));
        assertThatThrownBy(() -> read("{\"Image\":\"busybox\",\"HostConfig\":{\"Mounts\":[{\"Type\":\"bind\","
                + "\"BindOptions\":{\"Propagation\":\"\",\"FutureOption\":true}}]}}"))
                .hasMessage("Berth does not support HostConfig.Mounts.BindOptions.FutureOption yet");
        assertThatThrownBy(() -> read("{\"Image\":\"busybox\",\"HostConfig\":{\"Mounts\":[{\"Type\":7}]}}"))
                .hasMessage("json: cannot unmarshal number into HostConfig.Mounts.Type of type string");
    }

    @Test
    void aWrongTypeIsNamedBeforeAnUnsupportedField() {
        // Tty is not honoured yet, but a client that sends it with the wrong type should learn that first.
        assertThatThrownBy(() -> read("{\"Tty\":\"x\",\"HostConfig\":{\"Isolation\":\"hyperv\"}}"))
                .hasMessage("json: cannot unmarshal string into Config.Tty of type bool");
        assertThatThrownBy(() -> read("{\"Image\":\"busybox\",\"HostConfig\":{\"Isolation\":\"hyperv\"}}"))
                .hasMessage("Berth does not support HostConfig.Isolation \"hyperv\" yet");
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(InvalidParameterException.class).hasMessage(message);
    }

    private static ContainerCreateRequest read(String body) {
        return ContainerCreateRequest.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String captured(String name) throws IOException {
        try (InputStream in = ContainerCreateRequestTest.class.getResourceAsStream("/create-bodies/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
