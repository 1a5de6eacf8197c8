package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docker version}, {@code docker info} and the API's version rules, through the real CLI and raw HTTP. */
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

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Berth.GATEWAY_PORT + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
