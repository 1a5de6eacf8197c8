package io.berth.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** Scopes of registry calls and the challenges that name them, as the Docker token flow writes them. */
class RegistryScopeTest {
    @Test
    void readsArePullWritesArePullAndPushDeletesAreDelete() {
        assertThat(RegistryScope.of(HttpMethod.GET, "/v2/team/app/manifests/v1")).get().hasToString("repository:team/app:pull");
        assertThat(RegistryScope.of(HttpMethod.HEAD, "/v2/team/app/blobs/sha256:abc")).get().hasToString("repository:team/app:pull");
        assertThat(RegistryScope.of(HttpMethod.GET, "/v2/a/tags/list")).get().hasToString("repository:a:pull");
        assertThat(RegistryScope.of(HttpMethod.POST, "/v2/team/app/blobs/uploads/")).get()
                .hasToString("repository:team/app:pull,push");
        assertThat(RegistryScope.of(HttpMethod.PATCH, "/v2/team/app/blobs/uploads/1234")).get()
                .hasToString("repository:team/app:pull,push");
        assertThat(RegistryScope.of(HttpMethod.DELETE, "/v2/team/app/blobs/uploads/1234")).get()
                .as("cancelling one's upload is part of a push").hasToString("repository:team/app:pull,push");
        assertThat(RegistryScope.of(HttpMethod.PUT, "/v2/team/app/manifests/v1")).get().hasToString("repository:team/app:pull,push");
        assertThat(RegistryScope.of(HttpMethod.DELETE, "/v2/team/app/manifests/v1")).get().hasToString("repository:team/app:delete");
    }

    @Test
    void theBaseAndUnknownPathsAskForNoRepository() {
        assertThat(RegistryScope.of(HttpMethod.GET, "/v2/")).isEmpty();
        assertThat(RegistryScope.of(HttpMethod.GET, "/v2")).isEmpty();
        assertThat(RegistryScope.of(HttpMethod.GET, "/v2/_catalog")).isEmpty();
    }

    @Test
    void challengesAreBasicOrBearerWithTheScope() {
        assertThat(RegistryChallenge.basic("Berth").value()).isEqualTo("Basic realm=\"Berth\"");
        assertThat(RegistryChallenge.bearer("http://127.0.0.1:5000/v2/token", "berth",
                RegistryScope.of(HttpMethod.GET, "/v2/team/app/manifests/v1").orElseThrow()).value())
                .isEqualTo("Bearer realm=\"http://127.0.0.1:5000/v2/token\",service=\"berth\",scope=\"repository:team/app:pull\"");
        assertThat(RegistryChallenge.bearer("r", "s", null).value()).isEqualTo("Bearer realm=\"r\",service=\"s\"");
    }
}
