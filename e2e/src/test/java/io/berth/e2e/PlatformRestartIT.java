package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ./berth down} leaves nothing running, and the next {@code ./berth up} finds the state again. */
@ExtendWith(Berth.class)
class PlatformRestartIT {
    @Test
    void downStopsEverythingAndUpFindsTheStateAgain() throws Exception {
        Command.Result created = docker("create", "--name", "kept", "busybox", "echo", "still here");
        assertThat(created.exitCode()).as("%s", created).isZero();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Command.Result running = docker("run", "-d", "--name", "interrupted", "-p", "127.0.0.1:" + port + ":80", "busybox", "sh",
                "-c", "mkdir -p /www && echo again > /www/index.html && exec httpd -f -p 80 -h /www");
        assertThat(running.exitCode()).as("%s", running).isZero();
        // A volume's data outlives the platform (issue 10).
        assertThat(docker("run", "--rm", "-v", "kept-data:/d", "busybox", "sh", "-c", "echo kept > /d/f").exitCode()).isZero();

        List<Leftovers.Network> networks = Leftovers.networksOf();
        Command.Result down = Berth.launcher(Duration.ofMinutes(3), "down");
        assertThat(down.exitCode()).as("%s", down).isZero();
        Leftovers.assertNoneUnder(Berth.HOME, networks);
        Command.Result second = Berth.launcher(Duration.ofMinutes(3), "down");
        assertThat(second.exitCode()).as("a second down has nothing to do: %s", second).isZero();

        Command.Result up = Berth.launcher(Duration.ofMinutes(5), "up");
        assertThat(up.exitCode()).as("%s", up).isZero();
        Command.Result again = Berth.launcher(Duration.ofMinutes(1), "up");
        assertThat(again.stdout() + again.stderr()).contains("already running");

        assertThat(docker("ps", "-a", "--format", "{{.Names}}").stdout().lines()).contains("kept", "interrupted");
        // Its run ended with `down`; the worker reports it once it is back.
        assertThat(ContainersIT.eventually(() -> docker("inspect", "-f", "{{.State.Status}}", "interrupted").stdout(),
                "exited\n")).isEqualTo("exited\n");
        Command.Result start = docker("start", "-a", "kept");
        assertThat(start.stdout()).as("%s", start).isEqualTo("still here\n");
        assertThat(docker("run", "--rm", "-v", "kept-data:/d", "busybox", "cat", "/d/f").stdout()).isEqualTo("kept\n");
        // Started again after the platform came back, it answers on its published port once more.
        assertThat(docker("start", "interrupted").exitCode()).isZero();
        assertThat(NetworksIT.get("http://127.0.0.1:" + port + "/")).isEqualTo("again\n");
        assertThat(docker("rm", "-f", "kept", "interrupted").exitCode()).isZero();
    }
}
