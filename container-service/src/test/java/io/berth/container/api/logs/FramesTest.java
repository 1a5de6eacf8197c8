package io.berth.container.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Docker's stdcopy frame and the logs timestamp prefix. */
class FramesTest {
    @Test
    void headerIsStreamThreeZerosAndBigEndianLength() {
        byte[] payload = "x".repeat(258).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Frames.frame(2, payload);
        assertThat(frame).startsWith(2, 0, 0, 0, 0, 0, 1, 2);
        assertThat(frame).hasSize(8 + 258);
    }

    @Test
    void aTimestampGoesInFrontOfThePayloadWithNineFractionDigits() {
        LogMessage message = new LogMessage(Instant.parse("2026-11-22T23:02:42.5Z"), 1, "hi\n".getBytes());
        byte[] frame = Frames.frame(message, true);
        assertThat(new String(frame, 8, frame.length - 8, StandardCharsets.US_ASCII))
                .isEqualTo("2026-11-22T23:02:42.500000000Z hi\n");
        assertThat(Frames.frame(message, false)).isEqualTo(Frames.frame(1, "hi\n".getBytes()));
    }
}
