package io.berth.image.build.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Docker's .dockerignore matching: each pattern is Go's {@code filepath.Match} syntax ({@code *} and {@code ?} stop at
 * {@code /}, {@code [...]} classes, {@code \} escapes) plus {@code **} for any number of directories; a pattern that
 * matches a parent directory matches everything under it; the last matching pattern decides, and a {@code !} pattern
 * takes a path back in.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/pkg/fileutils/fileutils.go">fileutils.PatternMatcher</a>
 */
public final class PatternMatcher {
    private final List<Rule> rules;
    private final boolean exclusions;

    /** One cleaned pattern, its path segments and the regular expression it stands for (null when it is invalid). */
    private record Rule(String pattern, int segments, Pattern regex, boolean exclusion) {}

    private PatternMatcher(List<Rule> rules) {
        this.rules = rules;
        this.exclusions = rules.stream().anyMatch(Rule::exclusion);
    }

    /**
     * The matcher of {@code patterns}; a lone {@code !} or a pattern Go's {@code filepath.Match} rejects is an error
     * ({@code illegal exclusion pattern: "!"}, {@code syntax error in pattern}).
     */
    public static PatternMatcher of(List<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (String p : patterns) {
            p = p.strip();
            if (p.isEmpty()) {
                continue;
            }
            p = GoPaths.clean(p);
            boolean exclusion = false;
            if (p.charAt(0) == '!') {
                if (p.length() == 1) {
                    throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
                }
                exclusion = true;
                p = p.substring(1);
            }
            checkSyntax(p);
            rules.add(new Rule(p, p.split("/", -1).length, compile(p), exclusion));
        }
        return new PatternMatcher(rules);
    }

    /**
     * Whether {@code file} (slash-separated, relative to the context) is excluded by {@code patterns}; the context
     * root {@code .} never is. An invalid pattern list excludes nothing, as the daemon ignores the error when it
     * decides whether to drop the Dockerfile and .dockerignore.
     */
    public static boolean matches(String file, List<String> patterns) {
        String clean = GoPaths.clean(file);
        if (clean.equals(".")) {
            return false;
        }
        try {
            return of(patterns).matches(clean);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether any pattern is an exception ({@code !…}): then an excluded directory must still be walked. */
    public boolean hasExclusions() {
        return exclusions;
    }

    /** Whether {@code file} (slash-separated, cleaned, relative) is excluded. */
    public boolean matches(String file) {
        boolean matched = false;
        // Go's filepath.Dir: everything before the last slash, cleaned ("." when there is none).
        String parent = GoPaths.clean(file.substring(0, file.lastIndexOf('/') + 1));
        String[] parentDirs = parent.split("/", -1);
        for (Rule rule : rules) {
            boolean match = rule.regex() != null && rule.regex().matcher(file).matches();
            if (!match && !parent.equals(".") && rule.segments() <= parentDirs.length && rule.regex() != null) {
                // A pattern naming a directory excludes what is under it: try it on the file's parent directories.
                String prefix = String.join("/", java.util.Arrays.copyOf(parentDirs, rule.segments()));
                match = rule.regex().matcher(prefix).matches();
            }
            if (match) {
                matched = !rule.exclusion();
            }
        }
        return matched;
    }

    /**
     * The regular expression Docker builds for a pattern: {@code **} (with its slash) is any number of directories,
     * {@code *} and {@code ?} never cross a {@code /}, {@code .} and {@code $} are literal, {@code \x} is {@code x};
     * every other character is handed to the regular expression as it is, which is how {@code [a-z]} works.
     */
    private static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder("^");
        int[] cs = pattern.codePoints().toArray();
        for (int i = 0; i < cs.length; i++) {
            int ch = cs[i];
            if (ch == '*') {
                if (i + 1 < cs.length && cs[i + 1] == '*') {
                    i++;
                    if (i + 1 < cs.length && cs[i + 1] == '/') {
                        i++;
                    }
                    re.append(i + 1 == cs.length ? ".*" : "(.*/)?");
                } else {
                    re.append("[^/]*");
                }
            } else if (ch == '?') {
                re.append("[^/]");
            } else if (ch == '.' || ch == '$') {
                re.append('\\').appendCodePoint(ch);
            } else if (ch == '\\') {
                if (i + 1 < cs.length) {
                    re.append(Pattern.quote(Character.toString(cs[++i])));
                } else {
                    re.append("\\\\");
                }
            } else {
                re.appendCodePoint(ch);
            }
        }
        re.append('$');
        try {
            return Pattern.compile(re.toString());
        } catch (PatternSyntaxException e) {
            return null; // Go's regexp rejects it too: the pattern then matches nothing
        }
    }

    /** Go's {@code filepath.Match} errors for a malformed pattern, as Docker checks each pattern by matching ".". */
    private static void checkSyntax(String p) {
        GoMatch.match(p, ".");
    }
}
