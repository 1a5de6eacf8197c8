package io.berth.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** Body framing taken apart: by length, chunked at every split, until close. */
class BodyReaderTest {
    private static BodyReader reader(String name, String value) {
        return BodyReader.of(MultiMap.caseInsensitiveMultiMap().add(name, value));
    }

    @Test
    void aLengthBodyEndsAtItsLength() {
        BodyReader body = reader("Content-Length", "5");
        assertThat(body.length()).isEqualTo(5);
        assertThat(body.feed(Buffer.buffer("abc")).toString()).isEqualTo("abc");
        assertThat(body.done()).isFalse();
        assertThat(body.feed(Buffer.buffer("deXTRA")).toString()).isEqualTo("de");
        assertThat(body.done()).isTrue();
    }

    @Test
    void anEmptyBodyIsDoneAtOnce() {
        assertThat(reader("Content-Length", "0").done()).isTrue();
    }

    @Test
    void aChunkedBodyIsUnframedWhateverTheSplits() {
        String wire = "4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\n";
        for (int split = 1; split < wire.length(); split++) {
            BodyReader body = reader("Transfer-Encoding", "chunked");
            assertThat(body.length()).isEqualTo(-1);
            String out = body.feed(Buffer.buffer(wire.substring(0, split))).toString()
                    + body.feed(Buffer.buffer(wire.substring(split))).toString();
            assertThat(out).as("split at %d", split).isEqualTo("Wikipedia in \r\n\r\nchunks.");
            assertThat(body.done()).isTrue();
        }
    }

    @Test
    void withoutFramingTheBodyLastsUntilClose() {
        BodyReader body = BodyReader.of(MultiMap.caseInsensitiveMultiMap());
        assertThat(body.feed(Buffer.buffer("anything")).toString()).isEqualTo("anything");
        assertThat(body.done()).isFalse();
    }
}
