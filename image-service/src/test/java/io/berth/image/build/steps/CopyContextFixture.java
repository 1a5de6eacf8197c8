package io.berth.image.build.steps;

import io.berth.image.build.context.BuildContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests over {@code build/copy-context.tar}: a context that was sent as it is to Docker Engine 20.10's classic builder
 * (Dockerfile, a.txt, b.txt 0755, dir/c.txt, dir/sub/ 0750 with c.txt, a link to a.txt; every time 1700000000),
 * whose checksums, history and layers the tests compare with.
 */
abstract class CopyContextFixture {
    @TempDir
    Path work;
    BuildContext context;

    @BeforeEach
    void readContext() throws IOException {
        try (InputStream in = CopyContextFixture.class.getResourceAsStream("/build/copy-context.tar")) {
            context = BuildContext.read(in, work);
        }
    }

    @AfterEach
    void closeContext() throws IOException {
        context.close();
    }
}
