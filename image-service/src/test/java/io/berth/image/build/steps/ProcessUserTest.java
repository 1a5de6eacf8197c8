package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The user a RUN step or a container runs as; expected values from Docker Engine 20.10 ({@code docker run --user} on
 * busybox with these files).
 */
class ProcessUserTest {
    private static final CopyLayer.Target IMAGE = new CopyLayer.Target() {
        private final Map<String, String> files = Map.of(
                "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n",
                "/etc/group", "root:x:0:\napp:x:1000:\nstaff:x:50:app\n");

        @Override
        public boolean isDirectory(String path) {
            return false;
        }

        @Override
        public Optional<byte[]> read(String path) {
            return Optional.ofNullable(files.get(path)).map(text -> text.getBytes(StandardCharsets.UTF_8));
        }
    };

    @Test
    void namesAndNumbersResolveAsRuncResolvesThem() {
        assertThat(ProcessUser.resolve("", IMAGE)).isEqualTo(ProcessUser.ROOT);
        assertThat(ProcessUser.resolve("app", IMAGE)).isEqualTo(new ProcessUser(1000, 1000));
        assertThat(ProcessUser.resolve("1000", IMAGE)).as("a listed uid takes its group").isEqualTo(new ProcessUser(1000, 1000));
        assertThat(ProcessUser.resolve("1001", IMAGE)).as("an unlisted uid runs with group 0").isEqualTo(new ProcessUser(1001, 0));
        assertThat(ProcessUser.resolve("app:staff", IMAGE)).isEqualTo(new ProcessUser(1000, 50));
        assertThat(ProcessUser.resolve("7:8", CopyLayer.EMPTY_IMAGE)).isEqualTo(new ProcessUser(7, 8));
        assertThat(ProcessUser.resolve("2147483647:2147483647", CopyLayer.EMPTY_IMAGE))
                .isEqualTo(new ProcessUser(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void whatCannotBeResolvedGetsDockersWords() {
        assertThatThrownBy(() -> ProcessUser.resolve("nosuch", IMAGE)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("unable to find user nosuch: no matching entries in passwd file");
        assertThatThrownBy(() -> ProcessUser.resolve("0:nogroup", IMAGE))
                .hasMessage("unable to find group nogroup: no matching entries in group file");
        assertThatThrownBy(() -> ProcessUser.resolve("2147483648", IMAGE))
                .hasMessage("uids and gids must be in range 0-2147483647");
        assertThatThrownBy(() -> ProcessUser.resolve("1:99999999999999999999", IMAGE))
                .hasMessage("uids and gids must be in range 0-2147483647");
    }
}
