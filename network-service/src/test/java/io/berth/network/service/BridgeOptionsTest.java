package io.berth.network.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bridge driver's options: a name and an MTU honoured, defaults passing, anything else refused by name. */
class BridgeOptionsTest {
    @Test
    void honoursNameMtuAndTheDefaultsDockerSends() {
        assertThatCode(() -> BridgeOptions.validate(Map.of("com.docker.network.bridge.name", "br-app",
                "com.docker.network.driver.mtu", "1400", "com.docker.network.bridge.enable_icc", "true")))
                .doesNotThrowAnyException();
        assertThat(BridgeOptions.mtu("9000")).isEqualTo(9000);
        assertThat(BridgeOptions.mtu(null)).isZero();
    }

    @Test
    void refusesWhatWouldBeIgnored() {
        assertThatThrownBy(() -> BridgeOptions.validate(Map.of("com.docker.network.bridge.enable_icc", "false")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Berth does not support com.docker.network.bridge.enable_icc=false yet");
        assertThatThrownBy(() -> BridgeOptions.validate(Map.of("com.docker.network.bridge.inhibit_ipv4", "true")))
                .hasMessage("Berth does not support the network option com.docker.network.bridge.inhibit_ipv4 yet");
    }

    @Test
    void refusesNamesAndMtusLinuxWouldNot() {
        assertThatThrownBy(() -> BridgeOptions.validate(Map.of("com.docker.network.bridge.name", "a-name-too-long-for-linux")))
                .hasMessageStartingWith("invalid bridge name \"a-name-too-long-for-linux\"");
        assertThatThrownBy(() -> BridgeOptions.validate(Map.of("com.docker.network.bridge.name", "a/b")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> BridgeOptions.validate(Map.of("com.docker.network.driver.mtu", "12")))
                .hasMessage("invalid MTU 12: it must be a number from 68 to 65535");
    }
}
