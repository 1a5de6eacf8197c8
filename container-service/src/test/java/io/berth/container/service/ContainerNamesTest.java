package io.berth.container.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import org.junit.jupiter.api.Test;

class ContainerNamesTest {
    @Test
    void idsAre64HexDigitsAndDiffer() {
        assertThat(ContainerNames.newId()).matches("[0-9a-f]{64}").isNotEqualTo(ContainerNames.newId());
    }

    @Test
    void acceptsDockersNamesWithOrWithoutTheSlash() {
        assertThat(ContainerNames.validate("/web_1")).isEqualTo("web_1");
        assertThat(ContainerNames.validate("a.b-c")).isEqualTo("a.b-c");
        assertThat(ContainerNames.randomName(0)).matches("[a-z]+_[a-z]+");
        assertThat(ContainerNames.randomName(1)).matches("[a-z]+_[a-z]+[0-9]");
    }

    @Test
    void rejectsNamesDockerRejects() {
        for (String bad : new String[] {"a", "-x", "has space", "ü-name", "a/b"}) {
            assertThatThrownBy(() -> ContainerNames.validate(bad)).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    @Test
    void longNamesAsDockerTakesThemUpToWhatBerthKeeps() {
        String longest = "a".repeat(ContainerNames.MAX_LENGTH);
        assertThat(ContainerNames.validate(longest)).isEqualTo(longest);
        assertThat(ContainerNames.validate("a".repeat(300))).hasSize(300);
        assertThatThrownBy(() -> ContainerNames.validate(longest + "b")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid container name (" + "a".repeat(32) + "…, 1025 characters): Berth keeps names of up to"
                        + " 1024 characters");
    }
}
