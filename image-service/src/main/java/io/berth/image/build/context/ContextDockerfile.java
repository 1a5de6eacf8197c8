package io.berth.image.build.context;

import io.berth.kit.errors.InternalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Dockerfile of a build, found in its context as the daemon finds it: the {@code dockerfile} parameter names a
 * path inside the context (the CLI's {@code -f} outside the context arrives as {@code .dockerfile.<random>} added to
 * the context and to its .dockerignore), {@code Dockerfile} falls back on {@code dockerfile}; then the Dockerfile and
 * the .dockerignore are dropped from the context when the .dockerignore matches them, so they are copied only when
 * the client meant to send them.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/remotecontext/detect.go">remotecontext/detect.go</a>
 */
public record ContextDockerfile(String name, byte[] content) {
    public static final String DEFAULT_NAME = "Dockerfile";
    public static final String IGNORE_FILE = ".dockerignore";

    /** Finds the Dockerfile {@code dockerfileParam} names (empty: {@value #DEFAULT_NAME}) and prunes the context. */
    public static ContextDockerfile locate(BuildContext context, String dockerfileParam) {
        String name = dockerfileParam == null || dockerfileParam.isEmpty() ? DEFAULT_NAME : dockerfileParam;
        byte[] content = read(context, name);
        if (content == null && name.equals(DEFAULT_NAME)) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            content = read(context, lower);
            if (content != null) {
                name = lower;
            }
        }
        if (content == null) {
            // Docker's words, and its status (500) for them.
            throw new InternalException("Cannot locate specified Dockerfile: " + name);
        }
        List<String> excludes = ignorePatterns(context);
        if (!excludes.isEmpty()) {
            for (String file : List.of(IGNORE_FILE, name)) {
                if (PatternMatcher.matches(file, excludes)) {
                    context.remove(context.resolve(file, true));
                }
            }
        }
        return new ContextDockerfile(name, content);
    }

    /** The .dockerignore patterns of a context; none when it has no .dockerignore. */
    public static List<String> ignorePatterns(BuildContext context) {
        return context.open(IGNORE_FILE).map(in -> {
            try (in) {
                return DockerIgnore.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(List.of());
    }

    private static byte[] read(BuildContext context, String name) {
        return context.open(name).map(ContextDockerfile::readAll).orElse(null);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
