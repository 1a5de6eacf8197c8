package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellLexTest {
    private static final Map<String, String> ENV = Map.of("SET", "value", "EMPTY", "", "SPACED", "a b  c");
    private final ShellLex lex = ShellLex.of('\\');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "$SET|value",
            "${SET}|value",
            "x${SET}y|xvaluey",
            "$SET.txt|value.txt",
            "$UNSET|",
            "${UNSET}|",
            "${SET:-word}|value",
            "${EMPTY:-word}|word",
            "${UNSET:-word}|word",
            "${SET-word}|value",
            "${EMPTY-word}|",
            "${UNSET-word}|word",
            "${SET:+word}|word",
            "${EMPTY:+word}|",
            "${UNSET:+word}|",
            "${SET+word}|word",
            "${EMPTY+word}|word",
            "${UNSET+word}|",
            "${UNSET:-$SET}|value",
            "${UNSET:-${SET}x}|valuex",
            "\\$SET|$SET",
            "'$SET'|$SET",
            "\"$SET\"|value",
            "\"a\\\"b\"|a\"b",
            "\"a\\nb\"|a\\nb",
            "'a\\b'|a\\b",
            "a\\ b|a b",
            "$|$",
            "$1x|x",
            "end\\|end",
    })
    void expandsAsTheBuilderDoes(String word, String expected) {
        assertThat(lex.processWord(word, ENV)).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void backtickIsTheEscapeWhenTheDockerfileSaysSo() {
        ShellLex backtick = ShellLex.of('`');
        assertThat(backtick.processWord("`$SET C:\\dir", ENV)).isEqualTo("$SET C:\\dir");
    }

    @Test
    void wordsSplitAfterExpansionButNotInsideQuotes() {
        assertThat(lex.processWords("$SPACED \"x y\" z", ENV)).isEqualTo(List.of("a", "b", "c", "x y", "z"));
        assertThat(lex.processWords("80/tcp   443", ENV)).isEqualTo(List.of("80/tcp", "443"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "${}|failed to process \"${}\": syntax error: bad substitution",
            "${:x}|failed to process \"${:x}\": syntax error: bad substitution",
            "${B|failed to process \"${B\": missing ':' in substitution",
            "${B#x}|failed to process \"${B#x}\": missing ':' in substitution",
            "${B:=x}|failed to process \"${B:=x}\": unsupported modifier (=) in substitution",
            "${B:-x|failed to process \"${B:-x\": syntax error: missing '}'",
            "${B:?oops}|failed to process \"${B:?oops}\": B: oops",
            "${EMPTY:?}|failed to process \"${EMPTY:?}\": EMPTY: is not allowed to be empty",
            "${B?}|failed to process \"${B?}\": B: is not allowed to be unset",
            "'open|failed to process \"'open\": unexpected end of statement while looking for matching single-quote",
            "\"open|failed to process \"\"open\": unexpected end of statement while looking for matching double-quote",
    })
    void badWordsGetTheBuildersWords(String word, String message) {
        assertThatThrownBy(() -> lex.processWord(word, ENV)).hasMessage(message);
    }

    @Test
    void emptyAndSetAreToldApartOnlyWithoutColon() {
        assertThat(lex.processWord("${EMPTY?x}", ENV)).isEmpty();
        assertThat(lex.processWord("${SET:?x}", ENV)).isEqualTo("value");
    }
}
