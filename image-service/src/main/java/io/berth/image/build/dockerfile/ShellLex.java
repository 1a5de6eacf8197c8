package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Variable substitution and word splitting of Dockerfile words, with the rules of the builder's shell lexer: quotes
 * ({@code '…'} literal, {@code "…"} with {@code $} and escapes), the escape token, {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-word}}, {@code ${VAR:+word}}, {@code ${VAR:?word}} and their colon-less forms, where only an unset
 * variable counts (not an empty one). Errors carry the lexer's own words ({@code failed to process "…": …}).
 *
 * @see <a href="https://github.com/moby/buildkit/blob/v0.8.3/frontend/dockerfile/shell/lex.go">buildkit shell/lex.go</a>
 * @see <a href="https://docs.docker.com/engine/reference/builder/#environment-replacement">Environment replacement</a>
 */
public final class ShellLex {
    private static final int EOF = -1;

    private final char escapeToken;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipUnsetEnv;
    private final boolean heredocWords;

    private ShellLex(char escapeToken, boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv,
                     boolean heredocWords) {
        this.escapeToken = escapeToken;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipUnsetEnv = skipUnsetEnv;
        this.heredocWords = heredocWords;
    }

    /** The lexer every instruction's words go through, with the Dockerfile's escape token. */
    public static ShellLex of(char escapeToken) {
        return new ShellLex(escapeToken, false, false, false, false);
    }

    /** Keeps quotes in the result (heredoc delimiters are told quoted or not by comparing both results). */
    ShellLex withRawQuotes() {
        return new ShellLex(escapeToken, true, rawEscapes, skipUnsetEnv, heredocWords);
    }

    /** Keeps escape tokens in the result and leaves unset variables as written: how heredoc markers are found. */
    ShellLex forHeredocs() {
        return new ShellLex(escapeToken, rawQuotes, true, true, true);
    }

    /** Leaves unset variables as written. */
    ShellLex skippingUnset() {
        return new ShellLex(escapeToken, rawQuotes, rawEscapes, true, heredocWords);
    }

    /** {@code word} with every variable replaced and quotes removed; spaces are kept. */
    public String processWord(String word, Map<String, String> env) {
        return new Scan(word, env).process().word;
    }

    /** {@code word} with variables replaced, then split on unquoted white space (EXPOSE's multi-word expansion). */
    public List<String> processWords(String word, Map<String, String> env) {
        return new Scan(word, env).process().words;
    }

    /** The two results of one pass. */
    private record Result(String word, List<String> words) {}

    /** Collects whitespace-separated words; quoted text and escaped characters never split. */
    private static final class Words {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;

        void addChar(int ch) {
            if (Character.isWhitespace(ch)) {
                if (inWord && !word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                addRawChar(ch);
            }
        }

        void addRawChar(int ch) {
            word.appendCodePoint(ch);
            inWord = true;
        }

        void addString(String s) {
            s.codePoints().forEach(this::addChar);
        }

        void addRawString(String s) {
            word.append(s);
            inWord = true;
        }

        List<String> get() {
            if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
            return words;
        }
    }

    /** One pass over one word. */
    private final class Scan {
        private final String source;
        private final int[] chars;
        private final Map<String, String> env;
        private int pos;
        private boolean escapesRaw = rawEscapes;

        Scan(String source, Map<String, String> env) {
            this.source = source;
            this.chars = source.codePoints().toArray();
            this.env = env;
        }

        private int peek() {
            return pos < chars.length ? chars[pos] : EOF;
        }

        private int next() {
            return pos < chars.length ? chars[pos++] : EOF;
        }

        Result process() {
            try {
                return stopOn(EOF, escapesRaw);
            } catch (LexException e) {
                throw new LexException("failed to process \"" + source + "\": " + e.getMessage());
            }
        }

        private Result stopOn(int stop, boolean raw) {
            boolean saved = escapesRaw;
            escapesRaw = raw;
            try {
                StringBuilder result = new StringBuilder();
                Words words = new Words();
                while (peek() != EOF) {
                    int ch = peek();
                    if (stop != EOF && ch == stop) {
                        next();
                        return new Result(result.toString(), words.get());
                    }
                    if (ch == '$') {
                        String value = dollar();
                        result.append(value);
                        words.addString(value);
                    } else if (ch == '\'' || ch == '"') {
                        String value = ch == '\'' ? singleQuote() : doubleQuote();
                        result.append(value);
                        words.addRawString(value);
                    } else if (ch == '<' && heredocWords) {
                        String value = possibleHeredoc();
                        result.append(value);
                        words.addRawString(value);
                    } else {
                        ch = next();
                        if (ch == escapeToken) {
                            if (escapesRaw) {
                                words.addRawChar(ch);
                                result.appendCodePoint(ch);
                            }
                            ch = next();
                            if (ch == EOF) {
                                break;
                            }
                            words.addRawChar(ch);
                        } else {
                            words.addChar(ch);
                        }
                        result.appendCodePoint(ch);
                    }
                }
                if (stop != EOF) {
                    throw new LexException("unexpected end of statement while looking for matching "
                            + Character.toString(stop));
                }
                return new Result(result.toString(), words.get());
            } finally {
                escapesRaw = saved;
            }
        }

        private String singleQuote() {
            // Single quotes keep every character literally; a single quote cannot be escaped inside them (sh(1)).
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                ch = next();
                if (ch == EOF) {
                    throw new LexException("unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (rawQuotes) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                result.appendCodePoint(ch);
            }
        }

        private String doubleQuote() {
            // Inside double quotes only $ is special, and the escape token escapes only ", $ and itself (sh(1)).
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                int peek = peek();
                if (peek == EOF) {
                    throw new LexException("unexpected end of statement while looking for matching double-quote");
                }
                if (peek == '"') {
                    ch = next();
                    if (rawQuotes) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                if (peek == '$') {
                    result.append(dollar());
                    continue;
                }
                ch = next();
                if (ch == escapeToken) {
                    if (escapesRaw) {
                        result.appendCodePoint(ch);
                    }
                    int after = peek();
                    if (after == EOF) {
                        continue;
                    }
                    if (after == '"' || after == '$' || after == escapeToken) {
                        ch = next();
                    }
                }
                result.appendCodePoint(ch);
            }
        }

        private String possibleHeredoc() {
            next();
            if (peek() != '<') {
                return "<";
            }
            next();
            StringBuilder space = new StringBuilder();
            while (peek() == ' ' || peek() == '\t') {
                space.appendCodePoint(next());
            }
            return "<<" + space;
        }

        private String dollar() {
            next();
            if (peek() != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                String value = env.get(name);
                if (value == null && skipUnsetEnv) {
                    return "$" + name;
                }
                return value == null ? "" : value;
            }
            next();
            int first = peek();
            if (first == EOF) {
                throw new LexException("syntax error: missing '}'");
            }
            if (first == '{' || first == '}' || first == ':') {
                throw new LexException("syntax error: bad substitution");
            }
            String name = name();
            int ch = next();
            if (ch == '}') {
                String value = env.get(name);
                if (value == null && skipUnsetEnv) {
                    return "${" + name + "}";
                }
                return value == null ? "" : value;
            }
            boolean nullIsUnset = false;
            String modifier = ch == EOF ? "" : Character.toString(ch);
            if (ch == ':') {
                nullIsUnset = true;
                ch = next();
                if (ch == EOF) {
                    throw new LexException("syntax error: missing '}'");
                }
                modifier += Character.toString(ch);
            }
            if (ch != '-' && ch != '+' && ch != '?') {
                if (!nullIsUnset) {
                    // The 20.10 builder's words for ${VAR…} with anything but ':' after the name.
                    throw new LexException("missing ':' in substitution");
                }
                throw new LexException("unsupported modifier (" + Character.toString(ch) + ") in substitution");
            }
            String word;
            try {
                word = stopOn('}', escapesRaw).word;
            } catch (LexException e) {
                if (peek() == EOF) {
                    throw new LexException("syntax error: missing '}'");
                }
                throw e;
            }
            String value = env.get(name);
            boolean set = value != null;
            if (!set && skipUnsetEnv) {
                return "${" + name + modifier + word + "}";
            }
            boolean unset = !set || nullIsUnset && value.isEmpty();
            return switch (ch) {
                case '-' -> unset ? word : value;
                case '+' -> unset ? "" : word;
                default -> {
                    if (!set) {
                        throw new LexException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    if (unset) {
                        throw new LexException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                    }
                    yield value;
                }
            };
        }

        private String name() {
            // A name is letters, digits and '_'; a leading digit reads all digits ($10), and a special parameter
            // ($@, $*, $#, $?, $-, $$, $!, $0) is one character (POSIX shell, 2.5.2 Special Parameters).
            StringBuilder name = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (name.isEmpty() && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        name.appendCodePoint(next());
                    }
                    return name.toString();
                }
                if (name.isEmpty() && "@*#?-$!0".indexOf(ch) >= 0) {
                    return Character.toString(next());
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                name.appendCodePoint(next());
            }
            return name.toString();
        }
    }

    /** A word that does not lex; the message is the builder's. */
    public static final class LexException extends RuntimeException {
        LexException(String message) {
            super(message, null, false, false);
        }
    }
}
