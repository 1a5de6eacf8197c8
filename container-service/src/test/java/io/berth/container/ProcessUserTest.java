package io.berth.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import org.junit.jupiter.api.Test;

class ProcessUserTest {
    @Test
    void theContainersNumericUserWinsOverTheImages() {
        assertThat(ProcessUser.of("1000:100", "7")).isEqualTo(new ProcessUser(1000, 100));
        assertThat(ProcessUser.of("65534", "")).isEqualTo(new ProcessUser(65534, 0));
        assertThat(ProcessUser.of("", "7:8")).isEqualTo(new ProcessUser(7, 8));
        assertThat(ProcessUser.of(null, null)).isEqualTo(ProcessUser.ROOT);
        assertThat(ProcessUser.of("0", "nobody")).isEqualTo(ProcessUser.ROOT);
    }

    @Test
    void namesAreRefusedRatherThanRunAsRoot() {
        assertThatThrownBy(() -> ProcessUser.of("nobody", null)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Berth cannot resolve user and group names yet: User \"nobody\" must be a numeric uid[:gid]");
        assertThatThrownBy(() -> ProcessUser.of("1000:staff", null))
                .hasMessage("Berth cannot resolve user and group names yet: User \"1000:staff\" must be a numeric uid[:gid]");
        assertThatThrownBy(() -> ProcessUser.of("", "postgres"))
                .hasMessage("Berth cannot resolve user and group names yet: the image runs as User \"postgres\"; set User to a numeric uid[:gid]");
        assertThatThrownBy(() -> ProcessUser.of("-1", null)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ProcessUser.of("1000:", null)).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void idsStayInTheKernelsRange() {
        assertThat(ProcessUser.of("2147483647:2147483647", null)).isEqualTo(new ProcessUser(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertThatThrownBy(() -> ProcessUser.of("2147483648", null)).hasMessage("uids and gids must be in range 0-2147483647");
        assertThatThrownBy(() -> ProcessUser.of("1:99999999999999999999", null)).hasMessage("uids and gids must be in range 0-2147483647");
    }
}
