package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docker volume} as far as this release goes: listing. */
@ExtendWith(Berth.class)
class VolumesIT {
    @Test
    void volumeLsAnswersWithDockersHeader() {
        Command.Result ls = docker("volume", "ls");

        assertThat(ls.exitCode()).as("%s", ls).isZero();
        assertThat(ls.stdout().lines().findFirst()).hasValueSatisfying(header -> assertThat(header).matches("DRIVER\\s+VOLUME NAME"));
    }
}
