package io.berth.image.build.steps;

import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.GoDuration;
import io.berth.image.build.dockerfile.GoQuote;
import io.berth.image.build.dockerfile.HealthConfig;
import io.berth.image.build.dockerfile.Instruction;
import io.berth.image.build.dockerfile.ShellLex;
import io.berth.kit.errors.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The steps that change only the image's configuration, as the classic builder applies them: the instruction's words
 * are expanded with the step's environment (ENV first, then the args usable in the stage), the stage's configuration
 * changes, and the step's history line is written the way Docker writes it
 * ({@code /bin/sh -c #(nop)  ENV A=1}, {@code /bin/sh -c #(nop) WORKDIR /app}). RUN, COPY and ADD are not metadata.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/dispatchers.go">dispatchers.go</a>
 */
public final class MetadataSteps {
    private MetadataSteps() {}

    /**
     * What a step did. {@code containerCmd} is the command Docker records in the step's container configuration
     * (the cache key's part); {@code createdBy} is it joined, the history line; {@code output} the lines the build
     * prints for it (a note on an overridden healthcheck); {@code makesDirectory} says WORKDIR must create
     * {@link StageConfig#workingDir()} in the file system (the only metadata step that can leave a layer).
     */
    public record Applied(List<String> containerCmd, List<String> output, boolean makesDirectory) {
        public String createdBy() {
            return String.join(" ", containerCmd);
        }
    }

    /** Checks a STOPSIGNAL value, throwing Docker's {@code Invalid signal: X}; the caller gives the one it has. */
    @FunctionalInterface
    public interface SignalCheck {
        void check(String signal);
    }

    public static Applied apply(StageConfig c, Instruction instruction, ShellLex lex, BuildArgs args,
                                SignalCheck signals) {
        Map<String, String> env = args.expansionEnv(c.envMap());
        UnaryOperator<String> expand = word -> {
            try {
                return lex.processWord(word, env);
            } catch (ShellLex.LexException e) {
                throw new InvalidParameterException(e.getMessage());
            }
        };
        Instruction in = instruction instanceof Instruction.Expandable e ? e.expand(expand::apply) : instruction;
        if (in instanceof Instruction.Workdir w) {
            c.workingDir = normalizeWorkdir(c.workingDir, w.path());
            List<String> cmd = new ArrayList<>(c.shellOrDefault());
            // WORKDIR (like COPY and ADD) writes its comment as one word, for compatibility with old images.
            cmd.add("#(nop) WORKDIR " + c.workingDir);
            return new Applied(cmd, List.of(), true);
        }
        List<String> output = new ArrayList<>();
        String comment = switch (in) {
            case Instruction.Env e -> {
                StringBuilder s = new StringBuilder("ENV");
                for (Instruction.KeyValue kv : e.pairs()) {
                    setEnv(c, kv.key(), kv.value());
                    s.append(' ').append(kv);
                }
                yield s.toString();
            }
            case Instruction.Maintainer m -> {
                c.author = m.maintainer();
                yield "MAINTAINER " + m.maintainer();
            }
            case Instruction.Label l -> {
                StringBuilder s = new StringBuilder("LABEL");
                for (Instruction.KeyValue kv : l.pairs()) {
                    c.labels.put(kv.key(), kv.value());
                    s.append(' ').append(kv);
                }
                yield s.toString();
            }
            case Instruction.Arg a -> {
                List<String> words = new ArrayList<>();
                for (Instruction.ArgSpec spec : a.args()) {
                    args.allow(spec.key(), spec.defaultValue());
                    words.add(spec.toString());
                }
                yield "ARG " + String.join(" ", words);
            }
            case Instruction.Expose x -> {
                // EXPOSE is the one instruction whose words expand into several ($PORTS = "80 443").
                List<String> ports = new ArrayList<>();
                for (String p : x.ports()) {
                    try {
                        ports.addAll(lex.processWords(p, env));
                    } catch (ShellLex.LexException e) {
                        throw new InvalidParameterException(e.getMessage());
                    }
                }
                for (String p : ports) {
                    c.exposedPorts.addAll(PortSpecs.parse(p));
                }
                yield "EXPOSE " + String.join(" ", ports);
            }
            case Instruction.User u -> {
                c.user = u.user();
                yield "USER " + u.user();
            }
            case Instruction.Volume v -> {
                for (String volume : v.volumes()) {
                    if (volume.isEmpty()) {
                        throw new InvalidParameterException("VOLUME specified can not be an empty string");
                    }
                    c.volumes.add(volume);
                }
                yield "VOLUME " + GoQuote.list(v.volumes());
            }
            case Instruction.StopSignal s -> {
                signals.check(s.signal());
                c.stopSignal = s.signal();
                yield "STOPSIGNAL " + s.signal();
            }
            case Instruction.Shell s -> {
                c.shell = List.copyOf(s.shell());
                yield "SHELL " + GoQuote.list(c.shell);
            }
            case Instruction.Healthcheck h -> {
                if (c.healthcheck != null && !c.healthcheck.test().isEmpty()
                        && !c.healthcheck.test().getFirst().equals("NONE")) {
                    output.add("Note: overriding previous HEALTHCHECK: " + GoQuote.list(c.healthcheck.test()));
                }
                c.healthcheck = h.health();
                yield "HEALTHCHECK " + healthString(h.health());
            }
            case Instruction.Onbuild o -> {
                c.onBuild.add(o.expression());
                yield "ONBUILD " + o.expression();
            }
            case Instruction.Cmd cmd -> {
                c.cmd = withShell(c, cmd.cmdLine(), cmd.prependShell());
                if (!cmd.cmdLine().isEmpty()) {
                    c.cmdSet = true;
                }
                yield "CMD " + GoQuote.quoteList(c.cmd);
            }
            case Instruction.Entrypoint e -> {
                c.entrypoint = withShell(c, e.cmdLine(), e.prependShell());
                if (!c.cmdSet) {
                    // An ENTRYPOINT drops the CMD the base image had, unless this stage set one.
                    c.cmd = null;
                }
                yield "ENTRYPOINT " + GoQuote.quoteList(c.entrypoint);
            }
            default -> throw new IllegalArgumentException("not a metadata step: " + in.source());
        };
        List<String> cmd = new ArrayList<>(c.shellOrDefault());
        cmd.add("#(nop) ");
        cmd.add(comment);
        return new Applied(cmd, output, false);
    }

    private static void setEnv(StageConfig c, String key, String value) {
        String entry = key + "=" + value;
        for (int i = 0; i < c.env.size(); i++) {
            String existing = c.env.get(i);
            int eq = existing.indexOf('=');
            if ((eq < 0 ? existing : existing.substring(0, eq)).equals(key)) {
                c.env.set(i, entry);
                return;
            }
        }
        c.env.add(entry);
    }

    /** Shell form runs through the stage's shell; exec form is kept; null stays null (ENTRYPOINT []). */
    static List<String> withShell(StageConfig c, List<String> cmdLine, boolean prependShell) {
        if (cmdLine == null) {
            return null;
        }
        if (!prependShell) {
            return List.copyOf(cmdLine);
        }
        List<String> cmd = new ArrayList<>(c.shellOrDefault());
        cmd.addAll(cmdLine);
        return cmd;
    }

    /** A relative WORKDIR is relative to the previous one; the result is cleaned and absolute. */
    static String normalizeWorkdir(String current, String requested) {
        if (requested.isEmpty()) {
            throw new InvalidParameterException("cannot normalize nothing");
        }
        if (requested.startsWith("/")) {
            return io.berth.image.build.context.GoPaths.clean(requested);
        }
        return io.berth.image.build.context.GoPaths.clean("/" + current + "/" + requested);
    }

    /** Go's {@code %q} of a {@code *container.HealthConfig}, as the history shows it. */
    static String healthString(HealthConfig h) {
        return "&{" + GoQuote.quoteList(h.test()) + " " + GoQuote.quote(GoDuration.format(h.interval())) + " "
                + GoQuote.quote(GoDuration.format(h.timeout())) + " " + GoQuote.quote(GoDuration.format(h.startPeriod()))
                + " " + GoQuote.quoteRune(h.retries()) + "}";
    }
}
