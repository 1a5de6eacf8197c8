package io.berth.kit.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import org.junit.jupiter.api.Test;

class TenantIdTest {
    @Test
    void acceptsLowerCaseNames() {
        assertThat(TenantId.of("default")).isEqualTo(TenantId.DEFAULT);
        assertThat(TenantId.of("acme-prod_2").value()).isEqualTo("acme-prod_2");
    }

    @Test
    void rejectsAnythingThatCouldEscapeALabelOrPath() {
        for (String bad : new String[] {null, "", "Acme", "a/b", "-lead", "a b", "x".repeat(64)}) {
            assertThatThrownBy(() -> TenantId.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingOrBadHeaderIsA400() {
        assertThat(TenantId.fromHeader("acme")).isEqualTo(TenantId.of("acme"));
        assertThatThrownBy(() -> TenantId.fromHeader(null)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("internal call without a tenant");
        assertThatThrownBy(() -> TenantId.fromHeader("A/B")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("invalid tenant id: A/B");
    }
}
