package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docker network} as far as this release goes: Docker's three predefined networks. */
@ExtendWith(Berth.class)
class NetworksIT {
    @Test
    void networkLsShowsDockersDefaults() {
        Command.Result ls = docker("network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}");

        assertThat(ls.exitCode()).as("%s", ls).isZero();
        assertThat(ls.stdout().lines()).contains("bridge bridge local", "host host local", "none null local");
    }

    @Test
    void inspectingAMissingNetworkSaysSo() {
        Command.Result inspect = docker("network", "inspect", "nosuch");

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stderr()).contains("network nosuch not found");
    }
}
