package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker version}, {@code docker info}, the API's version rules, and what swarm and plugin commands get on Berth,
 * through the real CLI and raw HTTP.
 */
@ExtendWith(Berth.class)
class SystemIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void dockerVersionShowsTheServer() {
        Command.Result version = docker("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.Os}}");

        assertThat(version.exitCode()).as("%s", version).isZero();
        assertThat(version.stdout().strip()).isEqualTo("27.5.1-berth 1.47 linux");
    }

    @Test
    void dockerInfoAnswers() {
        Command.Result info = docker("info", "--format", "{{.OSType}} {{.Architecture}}");

        assertThat(info.exitCode()).as("%s", info).isZero();
        assertThat(info.stdout().strip()).isEqualTo("linux x86_64");
    }

    @Test
    void versionsOutsideTheSupportedRangeGetDockersMessage() throws Exception {
        HttpResponse<String> old = get("/v1.23/version");
        HttpResponse<String> future = get("/v1.99/containers/json");

        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(old.body()).contains("client version 1.23 is too old. Minimum supported API version is 1.24");
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("client version 1.99 is too new. Maximum supported API version is 1.47");
    }

    @Test
    void unknownPathsGetAJson404() throws Exception {
        HttpResponse<String> missing = get("/v1.47/nonsense");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(missing.body()).isEqualTo("{\"message\":\"page not found\"}");
    }

    @Test
    void swarmAndPluginCommandsGetDockersAnswersForANodeWithout() {
        assertRefused("This node is not a swarm manager.", "node", "ls");
        assertRefused("This node is not a swarm manager.", "service", "ls");
        assertRefused("This node is not part of a swarm", "swarm", "leave");
        assertRefused("Berth does not run swarm mode", "swarm", "init");

        Command.Result plugins = docker("plugin", "ls");
        assertThat(plugins.exitCode()).as("%s", plugins).isZero();
        assertThat(plugins.stdout().lines().toList()).hasSize(1).first().asString().startsWith("ID");
        assertRefused("Berth does not run Docker Engine plugins", "plugin", "install", "--grant-all-permissions", "vieux/sshfs");
        assertRefused("plugin \"sshfs\" not found", "plugin", "inspect", "sshfs");
    }

    private static void assertRefused(String message, String... args) {
        Command.Result result = docker(args);
        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.stderr()).contains(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Berth.GATEWAY_PORT + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
