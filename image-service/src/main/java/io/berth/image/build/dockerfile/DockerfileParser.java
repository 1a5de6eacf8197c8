package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile's text into instruction lines: parser directives ({@code # escape=`}, {@code # syntax=…}),
 * comments, line continuations (with the escape token, empty continuation lines warned about as Docker does),
 * heredocs, flags and each keyword's argument splitting. Instructions are typed afterwards by
 * {@link InstructionParser}.
 *
 * @see <a href="https://docs.docker.com/engine/reference/builder/#parser-directives">Parser directives</a>
 * @see <a href="https://github.com/moby/buildkit/blob/v0.8.3/frontend/dockerfile/parser/parser.go">parser.go</a>
 */
final class DockerfileParser {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("run", "copy", "add");

    /** The lines of a Dockerfile, its escape token and the warnings the builder prints before the steps. */
    record Parsed(List<Node> nodes, char escapeToken, List<String> warnings) {}

    private char escape = '\\';
    private Pattern continuation = continuationFor('\\');
    private boolean directivesDone;
    private final Set<String> seenDirectives = new java.util.HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean anyEmptyContinuation;

    private DockerfileParser() {}

    static Parsed parse(String text) {
        return new DockerfileParser().run(text);
    }

    private Parsed run(String text) {
        String[] lines = splitLines(text);
        List<Node> nodes = new ArrayList<>();
        int current = 0;
        int i = 0;
        while (i < lines.length) {
            String raw = lines[i++];
            if (current == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            String processed = processLine(raw, true, current);
            current++;
            int start = current;
            String line = withoutContinuation(processed);
            boolean endOfLine = line == null;
            if (endOfLine) {
                line = processed;
            }
            if (endOfLine && line.isEmpty()) {
                continue;
            }
            StringBuilder joined = new StringBuilder(line);
            boolean emptyContinuation = false;
            while (!endOfLine && i < lines.length) {
                String next = lines[i++];
                String piece = processLine(next, false, current);
                current++;
                if (isComment(next)) {
                    continue;
                }
                if (piece.isBlank()) {
                    emptyContinuation = true;
                    continue;
                }
                String cut = withoutContinuation(piece);
                endOfLine = cut == null;
                joined.append(endOfLine ? piece : cut);
            }
            String full = joined.toString();
            if (emptyContinuation) {
                anyEmptyContinuation = true;
                warnings.add("[WARNING]: Empty continuation line found in:\n    " + full);
            }
            Node node;
            try {
                node = node(full);
            } catch (SyntaxException e) {
                throw e.at(start);
            }
            if (HEREDOC_KEYWORDS.contains(node.keyword()) && !node.json() && full.contains("<<")) {
                List<Heredoc> docs = new ArrayList<>();
                for (Heredoc marker : heredocMarkers(full)) {
                    StringBuilder content = new StringBuilder();
                    boolean terminated = false;
                    while (i < lines.length) {
                        String body = lines[i++];
                        current++;
                        String candidate = marker.chomp() ? body.replaceFirst("^\\t+", "") : body;
                        if (candidate.equals(marker.name())) {
                            terminated = true;
                            break;
                        }
                        content.append(body).append('\n');
                    }
                    if (!terminated) {
                        throw new SyntaxException("unterminated heredoc", start);
                    }
                    docs.add(marker.withContent(content.toString()));
                }
                node = node.withHeredocs(docs);
            }
            nodes.add(node.at(start, current));
        }
        if (anyEmptyContinuation) {
            warnings.add("[WARNING]: Empty continuation lines will become errors in a future release.");
        }
        if (nodes.isEmpty()) {
            throw new SyntaxException("file with no instructions", current);
        }
        return new Parsed(nodes, escape, List.copyOf(warnings));
    }

    /** Lines as Go's line scanner gives them: split on {@code \n}, one trailing {@code \r} dropped, no empty last line. */
    private static String[] splitLines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (lines[n - 1].isEmpty()) {
            n--;
        }
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            String l = lines[k];
            out[k] = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
        }
        return out;
    }

    private String processLine(String token, boolean stripLeft, int lineIndex) {
        if (stripLeft) {
            token = token.stripLeading();
        }
        directive(token, lineIndex);
        return token.startsWith("#") ? "" : token;
    }

    private static boolean isComment(String line) {
        return line.stripLeading().startsWith("#");
    }

    /**
     * Parser directives are only read before the first instruction, comment or blank line, each at most once;
     * {@code escape} sets the escape token, and {@code syntax} (a BuildKit frontend image) is not used by this builder,
     * which says so with a warning rather than silently.
     */
    private void directive(String line, int lineIndex) {
        if (directivesDone) {
            return;
        }
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.matches()) {
            directivesDone = true;
            return;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (!key.equals("escape") && !key.equals("syntax")) {
            directivesDone = true;
            return;
        }
        if (!seenDirectives.add(key)) {
            throw new SyntaxException("only one " + key + " parser directive can be used", lineIndex);
        }
        if (key.equals("escape")) {
            String token = m.group(2);
            if (!token.equals("`") && !token.equals("\\")) {
                throw new SyntaxException("invalid escape token '" + token + "' does not match ` or \\",
                        lineIndex);
            }
            escape = token.charAt(0);
            continuation = continuationFor(escape);
        } else {
            warnings.add("[WARNING]: The syntax parser directive (" + m.group(2)
                    + ") is ignored: Berth builds with the classic builder's Dockerfile syntax.");
        }
    }

    /**
     * The escape token as the last non-blank character continues the line, unless it is itself escaped; Go has no
     * look-behind, so the builder's regular expression (kept here) does not see an escaped escape before it.
     */
    private static Pattern continuationFor(char token) {
        String t = Pattern.quote(String.valueOf(token));
        String notT = token == '\\' ? "[^\\\\]" : "[^`]";
        return Pattern.compile("(" + notT + ")" + t + "[ \\t]*$|^" + t + "[ \\t]*$");
    }

    /** The line without its continuation token, or null when the line does not continue. */
    private String withoutContinuation(String line) {
        Matcher m = continuation.matcher(line);
        if (!m.find()) {
            return null;
        }
        return line.substring(0, m.start()) + (m.group(1) == null ? "" : m.group(1));
    }

    /** Splits a line into keyword, flags and arguments, and hands the arguments to the keyword's line parser. */
    private Node node(String line) {
        String trimmed = line.strip();
        String[] parts = LineParsers.WHITESPACE.split(trimmed, 2);
        String keyword = parts[0].toLowerCase(Locale.ROOT);
        List<String> flags = List.of();
        String rest = "";
        if (parts.length == 2) {
            LineParsers.Flagged flagged = LineParsers.extractFlags(parts[1]);
            flags = flagged.flags();
            rest = flagged.rest().strip();
        }
        Node trigger = null;
        LineParsers.Args args = switch (keyword) {
            case "add", "copy", "volume" -> LineParsers.maybeJsonToList(rest);
            case "arg" -> LineParsers.nameOrNameValues(rest, escape);
            case "cmd", "entrypoint", "run", "shell" -> LineParsers.maybeJson(rest);
            case "env" -> LineParsers.nameValues(rest, "ENV", escape);
            case "label" -> LineParsers.nameValues(rest, "LABEL", escape);
            case "expose", "from" -> LineParsers.whitespaceDelimited(rest);
            case "healthcheck" -> LineParsers.healthcheck(rest);
            case "maintainer", "stopsignal", "user", "workdir" -> LineParsers.string(rest);
            case "onbuild" -> {
                if (!rest.isEmpty()) {
                    trigger = node(rest);
                }
                yield LineParsers.Args.NONE;
            }
            // An unknown keyword keeps no arguments; the instruction parser names it.
            default -> LineParsers.Args.NONE;
        };
        return new Node(keyword, flags, args.args(), args.json(), line, 0, 0, List.of(), trigger);
    }

    /** The heredoc markers of a line, in order; words are read as the shell would, variables left as written. */
    private static List<Heredoc> heredocMarkers(String line) {
        List<String> words;
        try {
            words = ShellLex.of('\\').withRawQuotes().forHeredocs().processWords(line, java.util.Map.of());
        } catch (ShellLex.LexException e) {
            return List.of();
        }
        List<Heredoc> docs = new ArrayList<>();
        for (String word : words) {
            Heredoc doc = Heredoc.marker(word);
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }
}
