package io.berth.image.pull;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistrySessionTest {
    @Test
    void theNextPageOfATagListIsTheLinkMarkedNext() {
        assertThat(RegistrySession.nextPage("</v2/acme/app/tags/list?n=100&last=v9>; rel=\"next\"")).isEqualTo("/v2/acme/app/tags/list?n=100&last=v9");
        assertThat(RegistrySession.nextPage("</v2/acme/app/tags/list?last=v1>; rel=\"prev\"")).isNull();
        assertThat(RegistrySession.nextPage("garbage")).isNull();
    }
}
