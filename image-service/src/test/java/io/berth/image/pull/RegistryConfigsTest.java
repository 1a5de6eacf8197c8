package io.berth.image.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** X-Registry-Config as the docker CLI sends it with a build: every registry's credentials, keyed as it keeps them. */
class RegistryConfigsTest {
    private static String header(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachRegistryGetsItsOwnCredentialsAndDockerHubGoesByAnyOfItsNames() {
        RegistryConfigs configs = RegistryConfigs.fromHeader(header("""
                {"https://index.docker.io/v1/": {"username": "hub", "password": "p1"},
                 "127.0.0.1:5001": {"auth": "%s"},
                 "https://registry.example:443": {"identitytoken": "tok"}}""".formatted(
                Base64.getEncoder().encodeToString("local:p2".getBytes(StandardCharsets.UTF_8)))));

        assertThat(configs.forDomain("docker.io").username()).isEqualTo("hub");
        assertThat(configs.forDomain("127.0.0.1:5001").password()).isEqualTo("p2");
        assertThat(configs.forDomain("registry.example:443").identityToken()).isEqualTo("tok");
        assertThat(configs.forDomain("elsewhere:5000")).isEqualTo(RegistryCredentials.ANONYMOUS);
    }

    @Test
    void noneEmptyOrUnreadableIsAnonymous() {
        assertThat(RegistryConfigs.fromHeader("e30=").forDomain("docker.io")).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryConfigs.fromHeader(null).forDomain("docker.io")).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryConfigs.fromHeader("%%%").forDomain("docker.io")).isEqualTo(RegistryCredentials.ANONYMOUS);
    }
}
