package io.berth.worker.inside;

import io.berth.kit.errors.InternalException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code docker export}: a container's root filesystem as one tar, written by GNU tar (numeric owners, names without
 * {@code ./}, as dockerd's), streamed as it is read. The runs' mounts (volumes, binds) are not in it: they are mounted
 * in the runs' own mount namespaces, not on the node's view of the root.
 */
final class RootExport {
    /** Two zero blocks: the tar of an empty root, which GNU tar refuses to write. */
    private static final int EMPTY_TAR = 1024;

    private RootExport() {
    }

    static void write(Path root, OutputStream out, String what) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.map(entry -> entry.getFileName().toString()).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the root of " + what, e);
        }
        try {
            if (names.isEmpty()) {
                out.write(new byte[EMPTY_TAR]);
                return;
            }
            List<String> command = new ArrayList<>(List.of("tar", "-c", "-f", "-", "--numeric-owner", "--sort=name",
                    "-C", root.toString(), "--"));
            command.addAll(names);
            Process tar = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = tar.getInputStream()) {
                in.transferTo(out);
            } catch (IOException | RuntimeException e) {
                tar.destroyForcibly();
                throw e;
            }
            // 1: some file changed as it was read (a running container); the archive is still whole.
            if (tar.waitFor() > 1) {
                throw new InternalException("cannot export " + what + ": tar exited " + tar.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while exporting " + what);
        }
    }
}
