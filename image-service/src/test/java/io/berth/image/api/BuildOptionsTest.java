package io.berth.image.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildOptionsTest {

    /** What the docker CLI 20.10 sends for {@code DOCKER_BUILDKIT=0 docker build -t x .}: every parameter, mostly empty. */
    private static Map<String, List<String>> cliDefaults() {
        Map<String, List<String>> q = new HashMap<>();
        for (String[] kv : new String[][] {{"t", "x"}, {"rm", "1"}, {"cpusetcpus", ""}, {"networkmode", "default"},
                {"cpusetmems", ""}, {"cpushares", "0"}, {"cpuquota", "0"}, {"cpuperiod", "0"}, {"memory", "0"},
                {"memswap", "0"}, {"cgroupparent", ""}, {"shmsize", "0"}, {"dockerfile", "Dockerfile"},
                {"target", ""}, {"ulimits", "null"}, {"buildargs", "{}"}, {"labels", "{}"}, {"cachefrom", "null"},
                {"version", "1"}}) {
            q.put(kv[0], List.of(kv[1]));
        }
        return q;
    }

    private static BuildOptions with(String name, String... values) {
        Map<String, List<String>> q = cliDefaults();
        q.put(name, List.of(values));
        return BuildOptions.parse(q);
    }

    @Test
    void whatTheCliSendsIsAccepted() {
        BuildOptions o = BuildOptions.parse(cliDefaults());
        assertThat(o.dockerfile()).isEqualTo("Dockerfile");
        assertThat(o.tags()).containsExactly("x:latest");
        assertThat(o.remove()).isTrue();
        assertThat(o.forceRemove()).isFalse();
        assertThat(o.buildArgs()).isEmpty();
        assertThat(o.networkMode()).isEqualTo("default");
        assertThat(BuildOptions.parse(Map.of()).remove()).isTrue();
    }

    @Test
    void valuesAreRead() {
        assertThat(with("t", "a", "localhost:5000/b:1", "a:latest").tags()).containsExactly("a:latest",
                "localhost:5000/b:1");
        Map<String, String> args = with("buildargs", "{\"A\":\"1\",\"UNSET\":null}").buildArgs();
        assertThat(args).containsEntry("A", "1").containsKey("UNSET");
        assertThat(args.get("UNSET")).isNull();
        assertThat(with("labels", "{\"k\":\"v\"}").labels()).containsEntry("k", "v");
        assertThat(with("cachefrom", "[\"img:1\"]").cacheFrom()).containsExactly("img:1");
        assertThat(with("rm", "0").remove()).isFalse();
        assertThat(with("forcerm", "1").remove()).isTrue();
        assertThat(with("q", "1").quiet()).isTrue();
        assertThat(with("memory", "67108864").memory()).isEqualTo(64L << 20);
        assertThat(with("platform", "Linux/AMD64").platform()).isEqualTo("linux/amd64");
        assertThat(with("extrahosts", "db:10.0.0.2").extraHosts()).containsExactly("db:10.0.0.2");
    }

    @Test
    void whatBerthDoesNotHonourIsRefusedByName() {
        assertThatThrownBy(() -> with("cpushares", "512")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Berth's builder does not honour cpushares yet (cpushares=512)");
        assertThatThrownBy(() -> with("ulimits", "[{\"Name\":\"nofile\",\"Hard\":1,\"Soft\":1}]"))
                .hasMessageStartingWith("Berth's builder does not honour ulimits yet");
        assertThatThrownBy(() -> with("version", "2")).hasMessageStartingWith("BuildKit (version=2) is not supported");
        assertThatThrownBy(() -> with("version", "3")).hasMessage("invalid version \"3\"");
        assertThatThrownBy(() -> with("squash", "1")).hasMessage("squash is only supported with experimental mode");
        assertThatThrownBy(() -> with("securityopt", "seccomp=unconfined"))
                .hasMessage("The daemon on this platform does not support setting security options on build");
        assertThatThrownBy(() -> with("remote", "https://example.invalid/ctx.tar"))
                .hasMessageStartingWith("remote build contexts (remote) are not supported by Berth");
    }

    @Test
    void badValuesGetClearWords() {
        assertThatThrownBy(() -> with("buildargs", "{not json")).hasMessageStartingWith("error reading build args: ");
        assertThatThrownBy(() -> with("labels", "[1]")).hasMessageStartingWith("error reading labels: ");
        assertThatThrownBy(() -> with("shmsize", "big"))
                .hasMessage("invalid value for shmsize: strconv.ParseInt: parsing \"big\": invalid syntax");
        assertThatThrownBy(() -> with("t", "UPPER")).hasMessageStartingWith("invalid reference format");
        assertThatThrownBy(() -> with("t", "x@sha256:" + "a".repeat(64)))
                .hasMessage("build tag cannot contain a digest");
    }
}
