package io.berth.image.build.dockerfile;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One here-document of a {@code RUN}, {@code COPY} or {@code ADD} line ({@code <<EOF}, {@code <<-EOF},
 * {@code <<"EOF"}, {@code 3<<EOF}): its delimiter word, whether its content is expanded (an unquoted delimiter), whether
 * leading tabs are stripped ({@code <<-}), and the lines up to the delimiter, each with its newline.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#here-documents">Here-documents</a>
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {
    private static final Pattern MARKER = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$");
    private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");

    public Heredoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** The content as the instruction uses it: leading tabs of every line removed for {@code <<-}. */
    public String effectiveContent() {
        return chomp ? LEADING_TABS.matcher(content).replaceAll("") : content;
    }

    Heredoc withContent(String text) {
        return new Heredoc(name, fileDescriptor, expand, chomp, text);
    }

    /**
     * The heredoc a word of an instruction marks, or null when the word is not a heredoc marker. The delimiter is
     * lexed twice, with and without quotes: when the two differ in quote count part of it was quoted, and a quoted
     * delimiter turns expansion of the content off, as in sh(1).
     */
    static Heredoc marker(String word) {
        var m = MARKER.matcher(word);
        if (!m.matches()) {
            return null;
        }
        String rest = m.group(3);
        if (rest.isEmpty()) {
            return null;
        }
        ShellLex lex = ShellLex.of('\\').skippingUnset();
        var words = lex.processWords(rest, java.util.Map.of());
        if (words.size() != 1) {
            return null;
        }
        var raw = lex.withRawQuotes().processWords(rest, java.util.Map.of());
        String delimiter = words.getFirst();
        boolean expand = quotes(delimiter) == quotes(raw.getFirst());
        int fd = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
        return new Heredoc(delimiter, fd, expand, "-".equals(m.group(2)), "");
    }

    private static long quotes(String s) {
        return s.chars().filter(c -> c == '\'' || c == '"').count();
    }
}
