package io.berth.image.build.dockerfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How each keyword's arguments are split, before any variable is expanded: whitespace lists, quoted words, name=value
 * pairs, and JSON arrays (exec form). Quotes are kept in words; expansion removes them later.
 *
 * @see <a href="https://github.com/moby/buildkit/blob/v0.8.3/frontend/dockerfile/parser/line_parsers.go">line_parsers.go</a>
 */
final class LineParsers {
    static final Pattern WHITESPACE = Pattern.compile("[\\t\\u000B\\f\\r ]+");
    private static final JsonFactory JSON = new JsonFactory();

    private LineParsers() {}

    /** The arguments of one line and whether they were a JSON array. */
    record Args(List<String> args, boolean json) {
        static final Args NONE = new Args(List.of(), false);

        static Args of(List<String> args) {
            return new Args(args, false);
        }
    }

    /** Space-separated words; quotes and escaped characters are kept in the word and never split it. */
    static List<String> words(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int[] cs = rest.codePoints().toArray();
        boolean inWord = false;
        boolean inQuote = false;
        boolean blankOk = false;
        int quote = 0;
        for (int i = 0; i <= cs.length; i++) {
            if (!inWord && !inQuote) {
                if (i == cs.length) {
                    break;
                }
                if (Character.isWhitespace(cs[i])) {
                    continue;
                }
                inWord = true;
            }
            if (i == cs.length) {
                if (blankOk || !word.isEmpty()) {
                    words.add(word.toString());
                }
                break;
            }
            int ch = cs[i];
            if (inWord) {
                if (Character.isWhitespace(ch)) {
                    inWord = false;
                    if (blankOk || !word.isEmpty()) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                }
                if (ch == escape) {
                    if (i + 1 == cs.length) {
                        continue;
                    }
                    // Unquoted, an escape token and the character after it stay in the word, even a quote.
                    word.appendCodePoint(ch);
                    ch = cs[++i];
                }
                word.appendCodePoint(ch);
                continue;
            }
            // in quotes
            if (ch == quote) {
                inQuote = false;
                inWord = true;
            }
            // The escape token escapes inside double quotes only; nothing can be escaped inside single quotes.
            if (ch == escape && quote != '\'') {
                if (i + 1 == cs.length) {
                    inQuote = false;
                    inWord = true;
                    continue;
                }
                word.appendCodePoint(ch);
                ch = cs[++i];
            }
            word.appendCodePoint(ch);
        }
        return words;
    }

    /**
     * ENV and LABEL: {@code KEY value with spaces} (old form, decided by the first word having no {@code =}) or
     * {@code k=v k2="v 2"}; pairs are returned flat, key then value.
     */
    static Args nameValues(String rest, String keyword, char escape) {
        List<String> words = words(rest, escape);
        if (words.isEmpty()) {
            return Args.NONE;
        }
        if (!words.getFirst().contains("=")) {
            String[] parts = WHITESPACE.split(rest, 2);
            if (parts.length < 2) {
                throw new SyntaxException(keyword + " must have two arguments");
            }
            return Args.of(List.of(parts[0], parts[1]));
        }
        List<String> pairs = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new SyntaxException("Syntax error - can't find = in " + GoQuote.quote(word)
                        + ". Must be of the form: name=value");
            }
            pairs.add(word.substring(0, eq));
            pairs.add(word.substring(eq + 1));
        }
        return Args.of(pairs);
    }

    /** ARG: words, each {@code name} or {@code name=value}. */
    static Args nameOrNameValues(String rest, char escape) {
        return Args.of(words(rest, escape));
    }

    /** FROM and EXPOSE: split on white space. */
    static Args whitespaceDelimited(String rest) {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        return Args.of(List.of(WHITESPACE.split(rest)));
    }

    /** MAINTAINER, USER, WORKDIR, STOPSIGNAL: the rest of the line as one argument. */
    static Args string(String rest) {
        return rest.isEmpty() ? Args.NONE : Args.of(List.of(rest));
    }

    /** RUN, CMD, ENTRYPOINT, SHELL: a JSON array of strings, or the rest of the line as one argument. */
    static Args maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        List<String> json = json(rest);
        return json != null ? new Args(json, true) : Args.of(List.of(rest));
    }

    /** COPY, ADD, VOLUME: a JSON array of strings, or words split on white space. */
    static Args maybeJsonToList(String rest) {
        List<String> json = json(rest);
        return json != null ? new Args(json, true) : whitespaceDelimited(rest);
    }

    /** HEALTHCHECK: its type word ({@code CMD}, {@code NONE}) then the command as {@link #maybeJson}. */
    static Args healthcheck(String rest) {
        int sep = 0;
        while (sep < rest.length() && !Character.isWhitespace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return Args.NONE;
        }
        int next = sep;
        while (next < rest.length() && Character.isWhitespace(rest.charAt(next))) {
            next++;
        }
        Args cmd = maybeJson(rest.substring(next));
        List<String> args = new ArrayList<>();
        args.add(rest.substring(0, sep));
        args.addAll(cmd.args());
        return new Args(args, cmd.json());
    }

    /**
     * The JSON array {@code rest} starts with, or null when it is not one. Like the Go decoder the builder uses, only
     * the first JSON value is read (text after the array is ignored); an array holding anything but strings is an
     * error rather than shell form.
     */
    static List<String> json(String rest) {
        String trimmed = rest.stripLeading();
        if (!trimmed.startsWith("[")) {
            return null;
        }
        try (JsonParser p = JSON.createParser(trimmed)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> values = new ArrayList<>();
            boolean notString = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    return null;
                }
                if (t == JsonToken.VALUE_STRING) {
                    values.add(p.getText());
                } else {
                    notString = true;
                    p.skipChildren();
                }
            }
            if (notString) {
                throw new SyntaxException("when using JSON array syntax, arrays must be comprised of strings only");
            }
            return values;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Splits the {@code --flag} words off the front of an instruction's arguments (a word {@code --} ends them);
     * returns the flags and the rest.
     */
    static Flagged extractFlags(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        boolean blankOk = false;
        char quote = 0;
        for (int pos = 0; pos <= line.length(); pos++) {
            char ch = pos < line.length() ? line.charAt(pos) : 0;
            if (!inWord && !inQuote) {
                if (pos == line.length()) {
                    break;
                }
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == line.length() || line.charAt(pos + 1) != '-') {
                    return new Flagged(words, line.substring(pos));
                }
                inWord = true;
            }
            if (pos == line.length()) {
                if (!"--".contentEquals(word) && (blankOk || !word.isEmpty())) {
                    words.add(word.toString());
                }
                break;
            }
            if (inWord) {
                if (Character.isWhitespace(ch)) {
                    inWord = false;
                    if ("--".contentEquals(word)) {
                        return new Flagged(words, line.substring(pos));
                    }
                    if (blankOk || !word.isEmpty()) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == line.length()) {
                        continue;
                    }
                    ch = line.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (ch == quote) {
                inQuote = false;
                inWord = true;
                continue;
            }
            if (ch == '\\') {
                if (pos + 1 == line.length()) {
                    inQuote = false;
                    inWord = true;
                    continue;
                }
                ch = line.charAt(++pos);
            }
            word.append(ch);
        }
        return new Flagged(words, "");
    }

    /** The flags of a line and what follows them. */
    record Flagged(List<String> flags, String rest) {}
}
