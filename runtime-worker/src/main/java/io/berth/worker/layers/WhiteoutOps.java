package io.berth.worker.layers;

import java.io.IOException;
import java.nio.file.Path;

/** The two filesystem operations an overlay whiteout needs, apart so that the conversion can be tested alone. */
interface WhiteoutOps {
    /** Creates the overlay whiteout for a deleted file: a character device 0:0. */
    void whiteout(Path path) throws IOException;

    /** Marks a directory opaque: nothing of the layers below shows through. */
    void opaque(Path dir) throws IOException;
}
