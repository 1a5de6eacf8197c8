package io.berth.image.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** .dockerignore matching; the cases follow moby's own table for {@code fileutils.PatternMatcher}. */
class PatternMatcherTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "**|file|true", "**|file/|true", "**/|file|true", "**|/|true", "**|dir/file|true",
            "**/**|dir/file|true", "dir/**|dir/file|true", "dir/**|dir/dir2/file|true",
            "**/dir2/*|dir/dir2/file|true", "**/dir2/**|dir/dir2/dir3/file|true", "**file|file|true",
            "**file|dir/file|true", "**/file|dir/dir/file|true", "**/file*|dir/dir/file.txt|true",
            "**/**/*.txt|dir/dir/file.txt|true", "**/**/*.txt2|dir/dir/file.txt|false", "**/*.txt|file.txt|true",
            "a**/*.txt|a/dir/dir/file.txt|true", "a/*.txt|a/dir/file.txt|false", "a/*.txt|a/file.txt|true",
            "a[b-d]e|ae|false", "a[b-d]e|ace|true", "a[^b-d]e|aze|true", ".*|.foo|true", ".*|foo|false",
            "abc.def|abcdef|false", "abc.def|abc.def|true", "abc?def|abcZdef|true", "abc?def|abcdef|false",
            "a\\\\|a\\|true", "a\\*b|a*b|true", "**/foo/bar|foo/bar|true", "**/foo/bar|dir/dir2/foo/bar|true",
            "abc/**|abc|false", "abc/**|abc/def/ghi|true", "**/.foo|.foo|true", "**/.foo|bar.foo|false",
            "*|a/b|true", "*.go|dir/x.go|false", "dir|dir/sub/file|true", "di?|dir/file|true",
    })
    void matchesAsDockerDoes(String pattern, String path, boolean expected) {
        assertThat(PatternMatcher.of(List.of(pattern)).matches(path)).isEqualTo(expected);
    }

    @Test
    void theLastMatchingPatternDecidesAndExceptionsTakePathsBack() {
        List<String> patterns = DockerIgnore.parse("*.md\n!README.md\nnode_modules\n!node_modules/keep\n");
        assertThat(PatternMatcher.matches("CHANGES.md", patterns)).isTrue();
        assertThat(PatternMatcher.matches("README.md", patterns)).isFalse();
        assertThat(PatternMatcher.matches("node_modules/x/y.js", patterns)).isTrue();
        assertThat(PatternMatcher.matches("node_modules/keep", patterns)).isFalse();
        assertThat(PatternMatcher.matches("./README.md", patterns)).isFalse();
        assertThat(PatternMatcher.of(patterns).hasExclusions()).isTrue();
        assertThat(PatternMatcher.matches(".", List.of("*"))).isFalse();
    }

    @Test
    void badPatternsAreRefusedWithGosWords() {
        assertThatThrownBy(() -> PatternMatcher.of(List.of("!"))).hasMessage("illegal exclusion pattern: \"!\"");
        assertThatThrownBy(() -> PatternMatcher.of(List.of("a["))).hasMessage("syntax error in pattern");
        assertThatThrownBy(() -> PatternMatcher.of(List.of("[]a]"))).hasMessage("syntax error in pattern");
        assertThatThrownBy(() -> PatternMatcher.of(List.of("a\\"))).hasMessage("syntax error in pattern");
        assertThat(PatternMatcher.matches("a", List.of("["))).isFalse();
    }
}
