package io.berth.image.build.context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .dockerignore} file into its patterns as Docker does: a line starting with {@code #} is a comment,
 * lines are trimmed, blank lines skipped, a leading {@code !} marks an exception, every pattern is cleaned (Go's
 * {@code filepath.Clean}: {@code ./a/} is {@code a}) and a leading {@code /} is dropped.
 *
 * @see <a href="https://docs.docker.com/engine/reference/builder/#dockerignore-file">.dockerignore file</a>
 * @see <a href="https://github.com/moby/buildkit/blob/v0.8.3/frontend/dockerfile/dockerignore/dockerignore.go">dockerignore.go</a>
 */
public final class DockerIgnore {
    private DockerIgnore() {}

    public static List<String> read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> patterns = new ArrayList<>();
        boolean first = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.charAt(0) == '!';
            if (invert) {
                pattern = pattern.substring(1).strip();
            }
            if (!pattern.isEmpty()) {
                pattern = GoPaths.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                    pattern = pattern.substring(1);
                }
            }
            patterns.add(invert ? "!" + pattern : pattern);
        }
        return patterns;
    }

    public static List<String> parse(String text) {
        try {
            return read(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
