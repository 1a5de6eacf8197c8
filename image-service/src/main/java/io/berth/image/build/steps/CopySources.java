package io.berth.image.build.steps;

import io.berth.image.build.context.SourceTree;
import io.berth.image.build.context.ContextEntry;
import io.berth.image.build.context.GoMatch;
import io.berth.image.build.context.GoPaths;
import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Which files a COPY or ADD takes from its {@link SourceTree} (the build context, or the stage or image
 * {@code --from} names), as the classic builder selects them: leading {@code /} and {@code ./} dropped, wildcards
 * ({@code *}, {@code ?}, {@code [..]}) matched with Go's {@code filepath.Match} against every path in walk order, a
 * path may not climb out of the tree, links are followed inside it; and the
 * checksum the step is cached and recorded by ({@code file:<tarsum>}, {@code dir:<sha256>} over the sorted checksums
 * of a directory's entries, {@code multi:<sha256>} over several sources), which makes the history line
 * {@code /bin/sh -c #(nop) COPY file:… in /dst }. Errors are Docker's words.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/copy.go">copy.go</a>
 */
public final class CopySources {
    private CopySources() {}

    /** One selected source: the path as matched (relative to the context), and whether it is a directory. */
    public record Source(String path, boolean directory, String hash) {}

    /** The sources of one step, the destination as written, and the step's checksum and history comment. */
    public record Selection(List<Source> sources, String dest, String hash, String comment) {
        /** The step's container command and history line: {@code [shell…, "#(nop) COPY file:… in /dst "]}. */
        public List<String> containerCmd(StageConfig c) {
            List<String> cmd = new ArrayList<>(c.shellOrDefault());
            cmd.add("#(nop) " + comment);
            return cmd;
        }
    }

    /**
     * Selects the sources of {@code COPY}/{@code ADD} ({@code command}) from {@code context} (the build context, or the tree {@code --from} names).
     *
     * @param chown the step's expanded {@code --chown}, or empty
     */
    public static Selection select(SourceTree context, String command, List<String> sources, String dest,
                                   String chown) {
        List<Source> selected = new ArrayList<>();
        for (String orig : sources) {
            if (orig.startsWith("http://") || orig.startsWith("https://")) {
                if (command.equals("COPY")) {
                    throw new InvalidParameterException("COPY failed: source can't be a URL for COPY");
                }
                // Remote ADD sources need the download and its checksum; refused until Berth fetches them.
                throw new InvalidParameterException(
                        "ADD failed: Berth's builder cannot fetch " + orig + " yet; download it into the context");
            }
            String path = orig;
            if (path.startsWith("/")) {
                path = path.substring(1);
            }
            if (path.startsWith("./")) {
                path = path.substring(2);
            }
            selected.addAll(containsWildcards(path) ? wildcard(context, command, path) : one(context, command, path));
        }
        if (selected.isEmpty()) {
            throw new InvalidParameterException(command + " failed: no source files were specified");
        }
        if (selected.size() > 1 && !dest.endsWith("/")) {
            throw new InvalidParameterException("When using " + command
                    + " with more than one source file, the destination must be a directory and end with a /");
        }
        String hash = selected.size() == 1 ? selected.getFirst().hash()
                : hashOf("multi", selected.stream().map(Source::hash).toList());
        String chownComment = chown == null || chown.isEmpty() ? "" : "--chown=" + chown;
        // Docker's format, with no space between --chown and the checksum, and one after the destination.
        String comment = command + " " + chownComment + hash + " in " + dest + " ";
        return new Selection(List.copyOf(selected), dest, hash, comment);
    }

    static boolean containsWildcards(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '*' || ch == '?' || ch == '[') {
                return true;
            }
        }
        return false;
    }

    private static List<Source> wildcard(SourceTree context, String command, String pattern) {
        List<Source> found = new ArrayList<>();
        for (ContextEntry entry : context.walk("")) {
            boolean matches;
            try {
                matches = GoMatch.match(pattern, entry.path());
            } catch (IllegalArgumentException e) {
                matches = false; // Docker ignores the pattern's error and matches nothing
            }
            if (matches) {
                found.addAll(one(context, command, entry.path()));
            }
        }
        return found;
    }

    private static List<Source> one(SourceTree context, String command, String path) {
        String lexical = GoPaths.clean(path);
        if (lexical.equals("..") || lexical.startsWith("../")) {
            throw new InvalidParameterException(
                    command + " failed: forbidden path outside the build context: " + path + " ()");
        }
        ContextEntry entry = context.stat(path).orElseThrow(() -> new InvalidParameterException(command
                + " failed: " + (context.isBuildContext() ? "file not found in build context or excluded by"
                + " .dockerignore: " : "") + "stat " + path + ": file does not exist"));
        if (!entry.isDirectory()) {
            return List.of(new Source(path, false, "file:" + context.hash(path)));
        }
        String real = context.resolve(path, true);
        List<String> sums = new ArrayList<>();
        for (ContextEntry below : context.walk(real)) {
            sums.add(context.hash(below.path()));
        }
        sums.sort(null);
        return List.of(new Source(path, true, hashOf("dir", sums)));
    }

    private static String hashOf(String prefix, List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return prefix + ":" + HexFormat.of().formatHex(
                    sha.digest(String.join(",", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
