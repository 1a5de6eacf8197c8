package io.berth.container.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class HonouredFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bodies real clients sent for a plain create, captured from the wire (src/test/resources/create-bodies). */
    @Test
    void whatClientsSendOnEveryCreatePasses() throws IOException {
        for (String capture : List.of("docker-cli-28-run-rm.json", "docker-cli-28-create-env-user-workdir-label.json",
                "docker-cli-28-run-in-a-terminal.json", "docker-py-7.1-compose-style.json")) {
            JsonNode body = captured(capture);
            assertThatCode(() -> HonouredFields.check(body)).as(capture).doesNotThrowAnyException();
        }
    }

    @Test
    void anInteractiveRunPassesWithItsTerminalAndStdin() throws IOException {
        assertThatCode(() -> HonouredFields.check(captured("docker-cli-28-run-it-in-a-terminal.json")))
                .doesNotThrowAnyException();
    }

    @Test
    void everyZeroShapePassesForFieldsBerthDoesNotHonour() {
        for (String zero : List.of("null", "\"\"", "0", "0.0", "false", "[]", "{}")) {
            for (String field : List.of("\"Domainname\"", "\"ExposedPorts\"", "\"Volumes\"", "\"Tty\"", "\"OpenStdin\"",
                "\"StopSignal\"", "\"Shell\"", "\"Healthcheck\"", "\"NewerThanBerth\"",
                "\"HostConfig\":{\"Binds\"", "\"HostConfig\":{\"PortBindings\"", "\"HostConfig\":{\"RestartPolicy\"",
                "\"HostConfig\":{\"LogConfig\":{\"Config\"", "\"HostConfig\":{\"Memory\"", "\"HostConfig\":{\"Init\"",
                "\"NetworkingConfig\":{\"EndpointsConfig\"",
                "\"NetworkingConfig\":{\"EndpointsConfig\":{\"default\":{\"Aliases\"",
                "\"NetworkingConfig\":{\"EndpointsConfig\":{\"default\":{\"IPAMConfig\":{\"IPv4Address\"")) {
                // The field set to the zero shape, inside as many structs as its path has.
                String body = "{" + field + ":" + zero + "}".repeat((int) field.chars().filter(c -> c == '{').count()) + "}";
                assertThatCode(() -> HonouredFields.check(parse(body))).as(body).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void honouredFieldsAndDefaultsPass() {
        for (String body : List.of(
            "{\"HostConfig\":{\"NetworkMode\":\"default\",\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0}}}",
            "{\"HostConfig\":{\"NetworkMode\":\"bridge\",\"RestartPolicy\":{\"Name\":\"\"}}}",
            "{\"HostConfig\":{\"NetworkMode\":\"none\",\"LogConfig\":{\"Type\":\"\",\"Config\":{}}}}",
            "{\"HostConfig\":{\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{}}}}",
            "{\"HostConfig\":{\"ConsoleSize\":[0,0],\"MemorySwappiness\":-1,\"PidsLimit\":-1,\"Isolation\":\"default\"}}",
            "{\"HostConfig\":{\"ConsoleSize\":[50,200],\"MemorySwappiness\":null,\"PidsLimit\":0}}",
            "{\"Healthcheck\":{\"Test\":[\"NONE\"]},\"StopTimeout\":null}",
            "{\"StopSignal\":\"SIGINT\",\"StopTimeout\":0}", "{\"StopSignal\":\"USR1\",\"StopTimeout\":-1}",
            "{\"NetworkingConfig\":{\"EndpointsConfig\":{\"none\":{\"IPAMConfig\":{},\"Links\":null}}}}",
            "{\"hostconfig\":{\"autoremove\":true,\"networkmode\":\"default\"},\"image\":\"busybox\",\"cmd\":[\"true\"]}",
            "{\"Image\":\"busybox\",\"User\":\"1000\",\"Hostname\":\"h\",\"Env\":[\"A=1\"],\"Entrypoint\":[\"sh\"],"
                    + "\"WorkingDir\":\"/w\",\"Labels\":{\"a\":\"b\"},\"AttachStdout\":true,\"AttachStderr\":true}")) {
            assertThatCode(() -> HonouredFields.check(parse(body))).as(body).doesNotThrowAnyException();
        }
    }

    @Test
    void eachFieldBerthWouldIgnoreIsRefusedByName() throws IOException {
        assertRefused("{\"Domainname\":\"example.com\"}",
                "Berth does not support Config.Domainname yet");
        assertRefused("{\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"]}}",
                "Berth does not support Config.Healthcheck.Test yet");
        assertRefused("{\"Healthcheck\":{\"Interval\":1000000000}}",
                "Berth does not support Config.Healthcheck.Interval yet");
        assertRefused("{\"ArgsEscaped\":true}",
                "Berth does not support Config.ArgsEscaped yet");
        assertRefused("{\"NetworkDisabled\":true}",
                "Berth does not support Config.NetworkDisabled yet");
        assertRefused("{\"OnBuild\":[\"RUN true\"]}",
                "Berth does not support Config.OnBuild yet");
        assertRefused("{\"Shell\":[\"/bin/bash\",\"-c\"]}",
                "Berth does not support Config.Shell yet");
        assertRefused("{\"NewerThanBerth\":1}",
                "Berth does not support Config.NewerThanBerth yet");
        assertRefused("{\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\"}}}",
                "Berth does not support HostConfig.RestartPolicy.Name \"always\" yet");
        assertRefused("{\"HostConfig\":{\"RestartPolicy\":{\"MaximumRetryCount\":3}}}",
                "Berth does not support HostConfig.RestartPolicy.MaximumRetryCount yet");
        assertRefused("{\"HostConfig\":{\"LogConfig\":{\"Type\":\"syslog\"}}}",
                "Berth does not support HostConfig.LogConfig.Type \"syslog\" yet");
        assertRefused("{\"HostConfig\":{\"LogConfig\":{\"Config\":{\"max-size\":\"1m\"}}}}",
                "Berth does not support HostConfig.LogConfig.Config yet");
        assertRefused("{\"HostConfig\":{\"Memory\":1048576}}",
                "Berth does not support HostConfig.Memory yet");
        assertRefused("{\"HostConfig\":{\"MemorySwappiness\":0}}",
                "Berth does not support HostConfig.MemorySwappiness yet");
        assertRefused("{\"HostConfig\":{\"PidsLimit\":100}}",
                "Berth does not support HostConfig.PidsLimit yet");
        assertRefused("{\"HostConfig\":{\"Privileged\":true}}",
                "Berth does not support HostConfig.Privileged yet");
        assertRefused("{\"HostConfig\":{\"CapAdd\":[\"NET_ADMIN\"]}}",
                "Berth does not support HostConfig.CapAdd yet");
        assertRefused("{\"HostConfig\":{\"Isolation\":\"hyperv\"}}",
                "Berth does not support HostConfig.Isolation \"hyperv\" yet");
        assertRefused("{\"HostConfig\":{\"RestartPolicy\":\"always\"}}",
                "Berth does not support HostConfig.RestartPolicy yet");
        // Legacy links and IPv6 endpoint settings are not honoured yet (issue 11 names them).
        assertRefused("{\"HostConfig\":{\"Links\":[\"db:db\"]}}", "Berth does not support HostConfig.Links yet");
        assertRefused("{\"NetworkingConfig\":{\"EndpointsConfig\":{\"app\":{\"Links\":[\"db\"]}}}}",
                "Berth does not support NetworkingConfig.EndpointsConfig.app.Links yet");
        assertRefused("{\"NetworkingConfig\":{\"EndpointsConfig\":{\"app\":{\"IPAMConfig\":{\"IPv6Address\":\"fd00::2\"}}}}}",
                "Berth does not support NetworkingConfig.EndpointsConfig.app.IPAMConfig.IPv6Address yet");
        // Go matches names case-insensitively, so the check does too; the message keeps the client's spelling.
        assertRefused("{\"hostconfig\":{\"privileged\":true}}", "Berth does not support hostconfig.privileged yet");
    }

    @Test
    void aLongRefusedValueIsShownShortened() throws IOException {
        JsonNode body = parse("{\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"" + "n".repeat(1000) + "\"}}}");
        assertThatThrownBy(() -> HonouredFields.check(body))
                .hasMessage("Berth does not support HostConfig.RestartPolicy.Name \"" + "n".repeat(64) + "…\" yet");
    }

    private static void assertRefused(String body, String message) throws IOException {
        JsonNode parsed = parse(body);
        assertThatThrownBy(() -> HonouredFields.check(parsed)).as(body)
                .isInstanceOf(InvalidParameterException.class).hasMessage(message);
    }

    static JsonNode captured(String name) throws IOException {
        try (InputStream in = HonouredFieldsTest.class.getResourceAsStream("/create-bodies/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }
}
