package io.berth.worker.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Test
    void headerIsStreamThreeZerosAndBigEndianLength() {
        byte[] payload = "x".repeat(258).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Frames.frame(2, payload);
        assertThat(frame).startsWith(2, 0, 0, 0, 0, 0, 1, 2);
        assertThat(frame).hasSize(8 + 258);
    }
}
