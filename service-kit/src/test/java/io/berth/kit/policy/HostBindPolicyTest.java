package io.berth.kit.policy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.tenant.TenantId;
import org.junit.jupiter.api.Test;

/** The host-bind policy allows every bind on a single machine and refuses with a 403 naming the path when told to. */
class HostBindPolicyTest {
    @Test
    void allowsBindsByDefaultAndRefusesThemWhenSwitchedOff() {
        assertThatCode(() -> HostBindPolicy.of(true).check(TenantId.DEFAULT, "/srv/app")).doesNotThrowAnyException();
        assertThatThrownBy(() -> HostBindPolicy.of(false).check(TenantId.of("acme"), "/srv/app"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("tenant acme may not mount host paths into containers (/srv/app); use a volume instead");
    }
}
