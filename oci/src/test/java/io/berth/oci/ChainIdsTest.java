package io.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chain ids against values computed once with sha256sum. */
class ChainIdsTest {
    private static final Digest A = Digest.ofHex("a".repeat(64));
    private static final Digest B = Digest.ofHex("b".repeat(64));
    private static final Digest C = Digest.ofHex("c".repeat(64));

    @Test
    void firstChainIdIsTheFirstDiffId() {
        assertThat(ChainIds.of(List.of(A))).containsExactly(A);
    }

    @Test
    void eachNextChainIdHashesTheParentChainSpaceDiffId() {
        // printf 'sha256:aaa…a sha256:bbb…b' | sha256sum, then printf 'sha256:<that> sha256:ccc…c' | sha256sum
        Digest ab = Digest.parse("sha256:ccd722928bd92476ba1745586fed6e45a102504185ad88cd89e01ff116fd146c");
        Digest abc = Digest.parse("sha256:c1377126441fb2f5ec2c21ae2a60255331d639e830f0ee1b40a36e52d4c40588");
        assertThat(ChainIds.of(List.of(A, B, C))).containsExactly(A, ab, abc);
    }

    @Test
    void noLayersNoChain() {
        assertThat(ChainIds.of(List.of())).isEmpty();
    }
}
