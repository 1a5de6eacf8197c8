package io.berth.image.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's filepath.Match; the cases follow the Go standard library's own table. */
class GoMatchTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "abc|abc|true", "*|abc|true", "*c|abc|true", "a*|a|true", "a*|abc|true", "a*|ab/c|false",
            "a*/b|abc/b|true", "a*/b|a/c/b|false", "a*b*c*d*e*/f|axbxcxdxe/f|true",
            "a*b*c*d*e*/f|axbxcxdxexxx/f|true", "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
            "a*b*c*d*e*/f|axbxcxdxexxx/fff|false", "a*b?c*x|abxbbxdbxebxczzx|true",
            "a*b?c*x|abxbbxdbxebxczzy|false", "ab[c]|abc|true", "ab[b-d]|abc|true", "ab[e-g]|abc|false",
            "ab[^c]|abc|false", "ab[^b-d]|abc|false", "ab[^e-g]|abc|true", "a\\*b|a*b|true", "a\\*b|ab|false",
            "a?b|a☺b|true", "a[^a]b|a☺b|true", "a???b|a☺b|false", "a[^a][^a][^a]b|a☺b|false", "[a-ζ]*|α|true",
            "*[a-ζ]|A|false", "a?b|a/b|false", "a*b|a/b|false", "[\\]a]|]|true", "[\\-]|-|true", "[x\\-]|x|true",
            "[x\\-]|-|true", "[x\\-]|z|false", "[\\-x]|x|true", "*x|xxx|true",
    })
    void matchesAsGoDoes(String pattern, String name, boolean expected) {
        assertThat(GoMatch.match(pattern, name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} is a bad pattern")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "[]a]|]", "[-]|-", "[x-]|x", "[a-b-c]|a", "[|a", "[^|a", "a[|a", "[\\|a", "a\\|a",
    })
    void badPatternsAreErrors(String pattern, String name) {
        assertThatThrownBy(() -> GoMatch.match(pattern, name)).hasMessage("syntax error in pattern");
    }
}
