package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker cp} with the real CLI: a file into a created container that its run then reads, a directory out. */
@ExtendWith(Berth.class)
class CopyIT {
    @TempDir
    Path temp;

    @Test
    void aFileGoesInAndADirectoryComesOut() throws Exception {
        try {
            Path hello = Files.writeString(temp.resolve("hello.txt"), "hello from the host\n");
            assertThat(docker("create", "--name", "cp-e2e-in", "busybox", "cat", "/hello.txt").exitCode()).isZero();
            Command.Result in = docker("cp", hello.toString(), "cp-e2e-in:/hello.txt");
            assertThat(in.exitCode()).as("%s", in).isZero();
            Command.Result run = docker("start", "-a", "cp-e2e-in");
            assertThat(run.stdout()).as("%s", run).isEqualTo("hello from the host\n");

            assertThat(docker("run", "--name", "cp-e2e-out", "busybox", "sh", "-c",
                    "mkdir -p /out/sub && echo made > /out/sub/f && ln -s sub/f /out/link").exitCode()).isZero();
            Command.Result out = docker("cp", "cp-e2e-out:/out", temp.resolve("got").toString());
            assertThat(out.exitCode()).as("%s", out).isZero();
            assertThat(temp.resolve("got/sub/f")).hasContent("made");
            assertThat(Files.readSymbolicLink(temp.resolve("got/link"))).isEqualTo(Path.of("sub/f"));

            Command.Result missing = docker("cp", "cp-e2e-out:/nope", temp.toString());
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.stderr()).contains("/nope");
        } finally {
            docker("rm", "-f", "cp-e2e-in", "cp-e2e-out");
        }
    }
}
