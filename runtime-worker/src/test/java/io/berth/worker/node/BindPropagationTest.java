package io.berth.worker.node;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dockerd's refusals of a bind propagation its source's host mount cannot give, in its words. */
class BindPropagationTest {
    private static final MountTable PRIVATE_ROOT = MountTable.parse(Mountinfos.HYBRID);
    private static final MountTable SYSTEMD_HOST = MountTable.parse(Mountinfos.UNIFIED);

    @Test
    void aSharedBindNeedsASharedMount() {
        assertThatThrownBy(() -> BindPropagation.check(PRIVATE_ROOT, "/no-such-berth-dir/h", List.of("rbind", "rshared")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("path /no-such-berth-dir/h is mounted on / but it is not a shared mount");
        assertThatCode(() -> BindPropagation.check(SYSTEMD_HOST, "/no-such-berth-dir/h", List.of("rbind", "shared")))
                .doesNotThrowAnyException();
    }

    @Test
    void aSlaveBindNeedsASharedOrSlaveMount() {
        assertThatThrownBy(() -> BindPropagation.check(PRIVATE_ROOT, "/no-such-berth-dir/h", List.of("rbind", "ro", "rslave")))
                .hasMessage("path /no-such-berth-dir/h is mounted on / but it is not a shared or slave mount");
        assertThatCode(() -> BindPropagation.check(SYSTEMD_HOST, "/var/lib/berth/h", List.of("rbind", "slave")))
                .doesNotThrowAnyException();
    }

    @Test
    void privateBindsNeedNothing() {
        assertThatCode(() -> BindPropagation.check(PRIVATE_ROOT, "/no-such-berth-dir/h", List.of("rbind", "rprivate")))
                .doesNotThrowAnyException();
        assertThatCode(() -> BindPropagation.check(PRIVATE_ROOT, "/no-such-berth-dir/h", List.of("bind", "private")))
                .doesNotThrowAnyException();
    }
}
