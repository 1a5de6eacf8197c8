package io.berth.image.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** X-Registry-Auth as clients send it, and WWW-Authenticate challenges as registries send them. */
class RegistryCredentialsTest {
    @Test
    void theHeaderDecodesInEveryFormClientsUseAndAnythingElseIsAnonymous() {
        String json = "{\"username\":\"alice\",\"password\":\"s3cret?>\",\"serveraddress\":\"r:5000\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (String header : new String[] {Base64.getUrlEncoder().encodeToString(bytes), Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)}) {
            RegistryCredentials credentials = RegistryCredentials.fromHeader(header);
            assertThat(credentials.username()).isEqualTo("alice");
            assertThat(credentials.password()).isEqualTo("s3cret?>");
            assertThat(credentials.basic()).isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret?>".getBytes()));
        }
        String legacy = "{\"auth\":\"" + Base64.getEncoder().encodeToString("bob:pw".getBytes()) + "\"}";
        assertThat(RegistryCredentials.fromHeader(Base64.getEncoder().encodeToString(legacy.getBytes())).username()).isEqualTo("bob");
        String token = "{\"identitytoken\":\"refresh\"}";
        assertThat(RegistryCredentials.fromHeader(Base64.getEncoder().encodeToString(token.getBytes())).identityToken()).isEqualTo("refresh");
        assertThat(RegistryCredentials.fromHeader("e30=")).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryCredentials.fromHeader("not base64 at all!")).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryCredentials.fromHeader(null).hasPassword()).isFalse();
    }

    @Test
    void challengesAreReadAsRegistriesWriteThem() {
        AuthChallenge bearer = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull\"").orElseThrow();
        assertThat(bearer.isBearer()).isTrue();
        assertThat(bearer.parameter("realm")).contains("https://auth.docker.io/token");
        assertThat(bearer.parameter("scope")).contains("repository:library/busybox:pull");
        AuthChallenge basic = AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow();
        assertThat(basic.isBearer()).isFalse();
        assertThat(AuthChallenge.parse("Negotiate abc")).isEmpty();
        assertThat(AuthChallenge.parse(null)).isEmpty();
    }

    @Test
    void platformsParseAndMatchAsDockersDo() {
        assertThat(Platform.parse("linux/arm64/v8").matches("linux", "arm64", "v8")).isTrue();
        assertThat(Platform.parse("linux/arm64").matches("linux", "arm64", "v8")).isTrue();
        assertThat(Platform.parse("linux/x86_64").architecture()).isEqualTo("amd64");
        assertThat(Platform.parse("").os()).isEqualTo("linux");
        assertThat(Platform.parse("linux/amd64").matches("windows", "amd64", null)).isFalse();
    }
}
