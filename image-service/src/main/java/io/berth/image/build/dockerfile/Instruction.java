package io.berth.image.build.dockerfile;

import java.util.List;

/**
 * One typed Dockerfile instruction. {@link #source()} is the line as written (continuations joined, trimmed): what the
 * classic builder prints after {@code Step N/M : }. The records hold the words as written; those the builder expands
 * implement {@link Expandable}.
 */
public sealed interface Instruction
        permits Instruction.From, Instruction.Run, Instruction.Cmd, Instruction.Entrypoint, Instruction.Shell,
        Instruction.Env, Instruction.Label, Instruction.Arg, Instruction.Expose, Instruction.Workdir,
        Instruction.User, Instruction.Volume, Instruction.StopSignal, Instruction.Maintainer, Instruction.Onbuild,
        Instruction.Copy, Instruction.Add, Instruction.Healthcheck {

    /** The instruction as written, which {@code Step N/M : …} shows. */
    String source();

    /** The 1-based line the instruction starts on. */
    int line();

    /** Replaces variables in a word, as {@link ShellLex#processWord} does with the step's environment. */
    @FunctionalInterface
    interface WordExpander {
        String expand(String word);
    }

    /** An instruction whose words the builder expands before it runs (ENV, LABEL, ARG, COPY, ADD, WORKDIR, …). */
    interface Expandable {
        Instruction expand(WordExpander expander);
    }

    /** {@code key=value}. */
    record KeyValue(String key, String value) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /** One name of an {@code ARG}, with its default or null when it has none. */
    record ArgSpec(String key, String defaultValue) {
        @Override
        public String toString() {
            return defaultValue == null ? key : key + "=" + defaultValue;
        }
    }

    /** Start of a stage: {@code FROM [--platform=p] base [AS name]}; {@code stageName} is lower case, or empty. */
    record From(String baseName, String stageName, String platform, String source, int line) implements Instruction {}

    /**
     * {@code RUN}: the command (one shell string when {@code prependShell}, else the exec array), its heredocs, and the
     * {@code --mount}/{@code --network}/{@code --security} flags used, which only BuildKit honours.
     */
    record Run(List<String> cmdLine, boolean prependShell, List<Heredoc> heredocs, List<String> flagsUsed,
               String source, int line) implements Instruction {}

    /** {@code CMD}: shell or exec form; an empty exec form {@code CMD []} is an empty list. */
    record Cmd(List<String> cmdLine, boolean prependShell, String source, int line) implements Instruction {}

    /** {@code ENTRYPOINT}: shell or exec form; {@code ENTRYPOINT []} gives null, which clears it. */
    record Entrypoint(List<String> cmdLine, boolean prependShell, String source, int line) implements Instruction {}

    /** {@code SHELL ["executable", "params"]}. */
    record Shell(List<String> shell, String source, int line) implements Instruction {}

    /** {@code ENV k=v …} or {@code ENV k v}. */
    record Env(List<KeyValue> pairs, String source, int line) implements Instruction, Expandable {
        @Override
        public Env expand(WordExpander e) {
            return new Env(Expansion.pairs(pairs, e), source, line);
        }
    }

    /** {@code LABEL k=v …}; the labels of {@code docker build --label} are added unexpanded. */
    record Label(List<KeyValue> pairs, boolean noExpand, String source, int line) implements Instruction, Expandable {
        /** A label from the build's {@code labels} parameter, added at the end of the last stage. */
        public static Label fromOption(String key, String value) {
            return new Label(List.of(new KeyValue(key, value)), true, "LABEL " + key + "=" + value, 0);
        }

        @Override
        public Label expand(WordExpander e) {
            return noExpand ? this : new Label(Expansion.pairs(pairs, e), false, source, line);
        }
    }

    /** {@code ARG name[=default] …}. */
    record Arg(List<ArgSpec> args, String source, int line) implements Instruction, Expandable {
        @Override
        public Arg expand(WordExpander e) {
            return new Arg(args.stream()
                    .map(a -> new ArgSpec(e.expand(a.key()), a.defaultValue() == null ? null : e.expand(a.defaultValue())))
                    .toList(), source, line);
        }
    }

    /** {@code EXPOSE port[/proto] …}, sorted as written; expanded word by word into several when it is run. */
    record Expose(List<String> ports, String source, int line) implements Instruction {}

    /** {@code WORKDIR path} (the whole rest of the line: {@code WORKDIR a b} is {@code "a b"}). */
    record Workdir(String path, String source, int line) implements Instruction, Expandable {
        @Override
        public Workdir expand(WordExpander e) {
            return new Workdir(e.expand(path), source, line);
        }
    }

    /** {@code USER user[:group]}. */
    record User(String user, String source, int line) implements Instruction, Expandable {
        @Override
        public User expand(WordExpander e) {
            return new User(e.expand(user), source, line);
        }
    }

    /** {@code VOLUME /a /b} or its JSON form. */
    record Volume(List<String> volumes, String source, int line) implements Instruction, Expandable {
        @Override
        public Volume expand(WordExpander e) {
            return new Volume(volumes.stream().map(e::expand).toList(), source, line);
        }
    }

    /** {@code STOPSIGNAL signal}. */
    record StopSignal(String signal, String source, int line) implements Instruction, Expandable {
        @Override
        public StopSignal expand(WordExpander e) {
            return new StopSignal(e.expand(signal), source, line);
        }
    }

    /** {@code MAINTAINER text} (deprecated; sets the image's author). */
    record Maintainer(String maintainer, String source, int line) implements Instruction {}

    /** {@code ONBUILD instruction}: the trigger as written, run when a child build starts from this image. */
    record Onbuild(String expression, String source, int line) implements Instruction {}

    /**
     * {@code COPY [--from=…] [--chown=…] [--chmod=…] [--link] src… dest}; heredoc sources ({@code COPY <<EOF /f})
     * are in {@code inline}, named by their delimiter.
     */
    record Copy(List<String> sources, String dest, List<Heredoc> inline, String from, String chown, String chmod,
                boolean link, String source, int line) implements Instruction, Expandable {
        @Override
        public Copy expand(WordExpander e) {
            // The classic builder expands the sources, the destination and --chown; not --from nor --chmod.
            return new Copy(sources.stream().map(e::expand).toList(), e.expand(dest), inline, from,
                    e.expand(chown), chmod, link, source, line);
        }
    }

    /** {@code ADD [--chown=…] [--chmod=…] [--link] src… dest}: COPY plus URLs and local tar extraction. */
    record Add(List<String> sources, String dest, List<Heredoc> inline, String chown, String chmod, boolean link,
               String source, int line) implements Instruction, Expandable {
        @Override
        public Add expand(WordExpander e) {
            return new Add(sources.stream().map(e::expand).toList(), e.expand(dest), inline, e.expand(chown), chmod,
                    link, source, line);
        }
    }

    /** {@code HEALTHCHECK [options] CMD …} or {@code HEALTHCHECK NONE}. */
    record Healthcheck(HealthConfig health, String source, int line) implements Instruction {}
}
