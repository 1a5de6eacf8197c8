package io.berth.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Response heads read off a raw socket. */
class AnswerHeadTest {
    @Test
    void readsStatusAndHeaders() {
        AnswerHead head = AnswerHead.parse("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                + "Connection: Upgrade\r\nUpgrade: tcp");
        assertThat(head.status()).isEqualTo(101);
        assertThat(head.headers().get("content-type")).isEqualTo("application/vnd.docker.multiplexed-stream");
        assertThat(head.headers().get("UPGRADE")).isEqualTo("tcp");
    }

    @Test
    void refusesWhatIsNotHttp() {
        assertThatThrownBy(() -> AnswerHead.parse("SSH-2.0-OpenSSH")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnswerHead.parse("HTTP/1.1 abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
