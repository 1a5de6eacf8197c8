package io.berth.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeChoiceTest {
    @Test
    void autoTakesCrunOnlyOnPureCgroupV2() {
        assertThat(RuntimeChoice.choose("auto", CgroupLayout.Kind.UNIFIED)).isEqualTo("crun");
        assertThat(RuntimeChoice.choose("auto", CgroupLayout.Kind.HYBRID)).isEqualTo("runc");
        assertThat(RuntimeChoice.choose("auto", CgroupLayout.Kind.LEGACY)).isEqualTo("runc");
    }

    @Test
    void anExplicitChoiceWins() {
        assertThat(RuntimeChoice.choose("crun", CgroupLayout.Kind.HYBRID)).isEqualTo("crun");
        assertThat(RuntimeChoice.choose("RUNC", CgroupLayout.Kind.UNIFIED)).isEqualTo("runc");
        assertThatThrownBy(() -> RuntimeChoice.choose("youki", CgroupLayout.Kind.UNIFIED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, crun or runc");
    }
}
