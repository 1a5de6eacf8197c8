package io.berth.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.gateway.StandInServices;
import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The registry's own port: /v2 forwarded to image-service with the tenant and without credentials; nothing else. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class RegistryPortIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    RegistryListener listener;

    @TestHTTPResource("/")
    URL dockerApi;

    @Test
    void v2IsForwardedToImageServiceWithTheTenantAndWithoutTheClientsCredentials() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(registry("/v2/team/app/manifests/v1?x=1"))
                .header("Authorization", "Basic dXNlcjpwYXNz").header("X-Berth-Tenant", "someone-else").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject seen = new JsonObject(answer.body());
        assertThat(seen.getString("path")).isEqualTo("/v2/team/app/manifests/v1");
        assertThat(seen.getString("query")).isEqualTo("x=1");
        assertThat(seen.getString("tenant")).isEqualTo("default");
        assertThat(seen.getInteger("tenants")).isEqualTo(1);
        assertThat(seen.getString("authorization")).isNull();
        assertThat(answer.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void anythingButV2IsARegistry404AndTheDockerApiPortHasNoV2() throws Exception {
        for (String path : new String[] {"/images/json", "/v2/../images/json", "/_ping", "/q/health"}) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(registry(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(new JsonObject(answer.body()).getJsonArray("errors").getJsonObject(0).getString("code")).as(path)
                    .isEqualTo("NAME_UNKNOWN");
        }
        HttpResponse<String> onDockerApi = http.send(HttpRequest.newBuilder(dockerApi.toURI().resolve("/v2/team/app/tags/list"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onDockerApi.statusCode()).isEqualTo(404);
        assertThat(onDockerApi.body()).isEqualTo("{\"message\":\"page not found\"}");
    }

    private URI registry(String path) {
        return URI.create("http://127.0.0.1:" + listener.port() + path);
    }
}
