package io.berth.worker.layers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Chain ids name a stack of layers: {@code ChainID(L0) = DiffID(L0)},
 * {@code ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln))}. The worker unpacks each chain once.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">OCI ChainID</a>
 */
public final class ChainIds {
    private ChainIds() {
    }

    /** The chain id of every prefix of the layer stack, bottom first, as {@code sha256:<hex>}. */
    public static List<String> of(List<String> diffIds) {
        List<String> chain = new ArrayList<>(diffIds.size());
        for (String diffId : diffIds) {
            chain.add(chain.isEmpty() ? diffId : "sha256:" + sha256Hex(chain.getLast() + " " + diffId));
        }
        return chain;
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
