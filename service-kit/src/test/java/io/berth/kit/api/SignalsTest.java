package io.berth.kit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void readsNamesWithAndWithoutSigNumbersAndRealtimeSignals() {
        assertThat(Signals.parse("KILL")).isEqualTo(9);
        assertThat(Signals.parse("sigterm")).isEqualTo(15);
        assertThat(Signals.parse(" 2 ")).isEqualTo(2);
        assertThat(Signals.parse("SIGRTMIN")).isEqualTo(34);
        assertThat(Signals.parse("RTMIN+3")).isEqualTo(37);
        assertThat(Signals.parse("SIGRTMAX")).isEqualTo(64);
    }

    @Test
    void refusesWhatLinuxDoesNotHaveInDockersWords() {
        for (String bad : new String[] {"0", "65", "1000", "SIGNOPE", "", "RTMIN+31", "RTMAX+1"}) {
            assertThatThrownBy(() -> Signals.parse(bad)).isInstanceOf(InvalidParameterException.class)
                    .hasMessage("Invalid signal: " + bad);
        }
    }
}
