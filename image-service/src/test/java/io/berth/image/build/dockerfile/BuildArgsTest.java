package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildArgsTest {

    private static Map<String, String> given(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void metaArgsServeFromLinesAndOnlyRedeclaredOnesTheStage() {
        BuildArgs args = BuildArgs.of(given("B", "given"));
        args.addMetaArg("A", "meta-a");
        args.addMetaArg("B", "meta-b");
        assertThat(args.metaValues()).containsEntry("A", "meta-a").containsEntry("B", "given");
        args.beginStage();
        assertThat(args.allowedValues()).isEmpty();
        args.allow("A", null);
        assertThat(args.allowedValues()).containsExactlyEntriesOf(Map.of("A", "meta-a"));
        args.allow("C", "default");
        assertThat(args.allowedValues()).containsEntry("C", "default");
    }

    @Test
    void givenValuesWinOverDefaultsAndEnvWinsOverArgs() {
        BuildArgs args = BuildArgs.of(given("V", "from-cli"));
        args.beginStage();
        args.allow("V", "default");
        args.allow("W", "w");
        assertThat(args.expansionEnv(Map.of("W", "env"))).containsEntry("V", "from-cli").containsEntry("W", "env");
        assertThat(args.runEnv(Map.of("W", "env"))).containsExactlyEntriesOf(Map.of("V", "from-cli"));
    }

    @Test
    void anArgWithoutValueAnywhereIsNotSet() {
        BuildArgs args = BuildArgs.of(Map.of());
        args.beginStage();
        args.allow("NOVALUE", null);
        assertThat(args.allowedValues()).doesNotContainKey("NOVALUE");
    }

    @Test
    void proxyArgsAreUsableWithoutDeclarationButLeaveNoHistory() {
        BuildArgs args = BuildArgs.of(given("HTTP_PROXY", "http://proxy:3128", "no_proxy", "local"));
        args.beginStage();
        assertThat(args.runEnv(Map.of())).containsEntry("HTTP_PROXY", "http://proxy:3128");
        assertThat(args.historyEnv(Map.of())).isEmpty();
        args.allow("no_proxy", null);
        assertThat(args.historyEnv(Map.of())).containsExactlyEntriesOf(Map.of("no_proxy", "local"));
    }

    @Test
    void unusedBuildArgsAreWarnedAboutInDockersWords() {
        BuildArgs args = BuildArgs.of(given("foo", "1", "bar", "2", "used", "3", "HTTP_PROXY", "x"));
        args.beginStage();
        args.allow("used", null);
        assertThat(args.unusedWarning()).hasValue("[Warning] One or more build-args [bar foo] were not consumed");
        BuildArgs none = BuildArgs.of(given("HTTP_PROXY", "x"));
        assertThat(none.unusedWarning()).isEmpty();
    }
}
