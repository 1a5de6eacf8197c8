package io.berth.worker.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdsTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    @Test
    void firstChainIdIsTheFirstDiffId() {
        assertThat(ChainIds.of(List.of(A))).containsExactly(A);
    }

    @Test
    void eachNextChainIdHashesTheParentChainSpaceDiffId() {
        String ab = "sha256:" + ChainIds.sha256Hex(A + " " + B);
        String abc = "sha256:" + ChainIds.sha256Hex(ab + " " + C);
        assertThat(ChainIds.of(List.of(A, B, C))).containsExactly(A, ab, abc);
    }

    @Test
    void knownValue() {
        // echo -n "sha256:aaa…a sha256:bbb…b" | sha256sum
        assertThat(ChainIds.of(List.of(A, B)).get(1))
                .isEqualTo("sha256:" + ChainIds.sha256Hex("sha256:" + "a".repeat(64) + " sha256:" + "b".repeat(64)));
        assertThat(ChainIds.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void noLayersNoChain() {
        assertThat(ChainIds.of(List.of())).isEmpty();
    }
}
