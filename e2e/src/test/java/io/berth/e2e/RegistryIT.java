package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testkit.fixtures.FixtureImages;
import io.berth.testkit.fixtures.OtherRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth's own registry on its port, driven by skopeo, an independent OCI client: push, inspect, list, copy out,
 * delete; and copies between it and another registry (Debian's docker-registry) both ways.
 */
@ExtendWith(Berth.class)
class RegistryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SKOPEO = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    @Test
    void skopeoPushesInspectsListsCopiesOutAndDeletes() throws Exception {
        String image = "docker://" + Berth.REGISTRY + "/team/flask:1";
        Command.Result push = skopeo("copy", "--dest-tls-verify=false",
                "docker-archive:" + FixtureImages.archive(FixtureImages.FLASK), image);
        assertThat(push.exitCode()).as("%s", push).isZero();

        Command.Result inspect = skopeo("inspect", "--tls-verify=false", image);
        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        JsonNode inspected = JSON.readTree(inspect.stdout());
        assertThat(inspected.get("Layers")).hasSize(3);
        assertThat(inspected.get("Architecture").asText()).isEqualTo("amd64");
        Command.Result tags = skopeo("list-tags", "--tls-verify=false", "docker://" + Berth.REGISTRY + "/team/flask");
        assertThat(JSON.readTree(tags.stdout()).get("Tags")).extracting(JsonNode::asText).containsExactly("1");

        Command.Result out = skopeo("copy", "--src-tls-verify=false", image, "oci:" + temp.resolve("out") + ":1");
        assertThat(out.exitCode()).as("%s", out).isZero();
        Command.Result copied = skopeo("inspect", "oci:" + temp.resolve("out") + ":1");
        assertThat(JSON.readTree(copied.stdout()).get("Layers")).isEqualTo(inspected.get("Layers"));

        Command.Result delete = skopeo("delete", "--tls-verify=false", image);
        assertThat(delete.exitCode()).as("%s", delete).isZero();
        Command.Result gone = skopeo("inspect", "--tls-verify=false", image);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("manifest unknown");
    }

    @Test
    void imagesCopyBetweenBerthsRegistryAndAnotherBothWays() throws Exception {
        try (OtherRegistry other = OtherRegistry.plain(temp.resolve("other"))) {
            other.push(FixtureImages.REDIS, "acme/redis:7");
            String inBerth = "docker://" + Berth.REGISTRY + "/mirror/redis:7";

            Command.Result in = skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://" + other.address() + "/acme/redis:7", inBerth);
            assertThat(in.exitCode()).as("%s", in).isZero();
            Command.Result back = skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false", inBerth,
                    "docker://" + other.address() + "/acme/redis:copied");
            assertThat(back.exitCode()).as("%s", back).isZero();

            JsonNode original = JSON.readTree(skopeo("inspect", "--tls-verify=false",
                    "docker://" + other.address() + "/acme/redis:7").stdout());
            JsonNode viaBerth = JSON.readTree(skopeo("inspect", "--tls-verify=false",
                    "docker://" + other.address() + "/acme/redis:copied").stdout());
            assertThat(viaBerth.get("Digest")).isEqualTo(original.get("Digest"));
        }
    }

    @Test
    void theRegistryIsOnItsOwnPortOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> base = http.send(HttpRequest.newBuilder(URI.create("http://" + Berth.REGISTRY + "/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(base.statusCode()).isEqualTo(200);
        assertThat(base.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        HttpResponse<String> onDockerApi = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + Berth.GATEWAY_PORT + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onDockerApi.statusCode()).isEqualTo(404);
    }

    private static Command.Result skopeo(String... args) {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        return Command.run(Map.of(), SKOPEO, command);
    }
}
