package io.berth.oci;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain ids name a stack of layers: {@code ChainID(L0) = DiffID(L0)},
 * {@code ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln))}. A node unpacks each chain once.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">OCI ChainID</a>
 */
public final class ChainIds {
    private ChainIds() {
    }

    /** The chain id of every prefix of the layer stack, bottom first. */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> chain = new ArrayList<>(diffIds.size());
        for (Digest diffId : diffIds) {
            chain.add(chain.isEmpty() ? diffId
                    : Digest.of((chain.getLast() + " " + diffId).getBytes(StandardCharsets.UTF_8)));
        }
        return List.copyOf(chain);
    }
}
