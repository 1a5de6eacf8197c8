package io.berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void digestsContentAsSha256() {
        assertThat(Digest.sha256(new byte[0]).toString()).isEqualTo("sha256:" + EMPTY);
        assertThat(Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void parsesAndPrintsTheSameText() {
        Digest digest = Digest.of("sha256:" + EMPTY);
        assertThat(digest.hex()).isEqualTo(EMPTY);
        assertThat(digest.toString()).isEqualTo("sha256:" + EMPTY);
        assertThat(digest.shortHex()).isEqualTo(EMPTY.substring(0, 12));
        assertThat(Digest.ofHex(EMPTY)).isEqualTo(digest);
        assertThat(Digest.parse("sha256:" + EMPTY)).contains(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:", "sha256:abc", "sha512:" + EMPTY, "SHA256:" + EMPTY, "sha256:" + EMPTY + "0",
            "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", EMPTY, "sha256: " + EMPTY})
    void refusesAnythingButSha256WithLowerCaseHex(String text) {
        assertThat(Digest.parse(text)).isEmpty();
        assertThatThrownBy(() -> Digest.of(text)).isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("invalid digest");
    }

    @Test
    void refusesBadHex() {
        assertThatThrownBy(() -> Digest.ofHex("xyz")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Digest.ofHex(null)).isInstanceOf(InvalidParameterException.class);
    }
}
