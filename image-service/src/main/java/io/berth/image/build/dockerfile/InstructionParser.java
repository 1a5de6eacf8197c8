package io.berth.image.build.dockerfile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Types one parsed line into an {@link Instruction}, checking its flags and arguments with the builder's words
 * ({@code COPY requires at least two arguments, …}, {@code Unknown flag: x}, {@code unknown instruction: FOO}).
 *
 * @see <a href="https://github.com/moby/buildkit/blob/v0.8.3/frontend/dockerfile/instructions/parse.go">instructions/parse.go</a>
 */
final class InstructionParser {
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");
    /** Docker's smallest healthcheck interval ({@code container.MinimumDuration}). */
    private static final Duration MINIMUM_DURATION = Duration.ofMillis(1);

    private InstructionParser() {}

    static Instruction parse(Node node) {
        List<String> args = node.flatArgs();
        BuildFlags flags = new BuildFlags(node.flags());
        String source = node.original().strip();
        int line = node.startLine();
        return switch (node.keyword()) {
            case "env" -> {
                flags.parse();
                yield new Instruction.Env(pairs(args, "ENV"), source, line);
            }
            case "label" -> {
                flags.parse();
                yield new Instruction.Label(pairs(args, "LABEL"), false, source, line);
            }
            case "maintainer" -> {
                if (args.size() != 1) {
                    throw exactlyOne("MAINTAINER");
                }
                flags.parse();
                yield new Instruction.Maintainer(args.getFirst(), source, line);
            }
            case "add" -> {
                if (args.size() < 2) {
                    throw noDestination("ADD");
                }
                flags.string("chown").string("chmod").bool("link").parse();
                Sources s = sources(node, args, "ADD");
                yield new Instruction.Add(s.paths(), s.dest(), s.inline(), flags.value("chown"),
                        flags.value("chmod"), flags.isTrue("link"), source, line);
            }
            case "copy" -> {
                if (args.size() < 2) {
                    throw noDestination("COPY");
                }
                flags.string("chown").string("from").string("chmod").bool("link").parse();
                Sources s = sources(node, args, "COPY");
                yield new Instruction.Copy(s.paths(), s.dest(), s.inline(), flags.value("from"),
                        flags.value("chown"), flags.value("chmod"), flags.isTrue("link"), source, line);
            }
            case "from" -> from(args, flags, source, line);
            case "onbuild" -> {
                if (args.isEmpty()) {
                    throw atLeastOne("ONBUILD");
                }
                flags.parse();
                String trigger = args.getFirst().strip().toUpperCase(Locale.ROOT);
                switch (trigger) {
                    case "ONBUILD" -> throw new SyntaxException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                    case "MAINTAINER", "FROM" -> throw new SyntaxException(trigger + " isn't allowed as an ONBUILD trigger");
                    default -> { }
                }
                yield new Instruction.Onbuild(ONBUILD_PREFIX.matcher(node.original()).replaceFirst(""), source, line);
            }
            case "workdir" -> {
                if (args.size() != 1) {
                    throw exactlyOne("WORKDIR");
                }
                flags.parse();
                yield new Instruction.Workdir(args.getFirst(), source, line);
            }
            case "run" -> {
                // These flags parse so that the classic builder's refusal can name them when the step runs.
                flags.string("mount").string("network").string("security").parse();
                yield new Instruction.Run(commandLine(args, node.json(), false), !node.json(), node.heredocs(),
                        flags.used(), source, line);
            }
            case "cmd" -> {
                flags.parse();
                yield new Instruction.Cmd(commandLine(args, node.json(), false), !node.json(), source, line);
            }
            case "entrypoint" -> {
                flags.parse();
                yield new Instruction.Entrypoint(commandLine(args, node.json(), true), !node.json(), source, line);
            }
            case "healthcheck" -> healthcheck(node, args, flags, source, line);
            case "expose" -> {
                if (args.isEmpty()) {
                    throw atLeastOne("EXPOSE");
                }
                flags.parse();
                yield new Instruction.Expose(args.stream().sorted().toList(), source, line);
            }
            case "user" -> {
                if (args.size() != 1) {
                    throw exactlyOne("USER");
                }
                flags.parse();
                yield new Instruction.User(args.getFirst(), source, line);
            }
            case "volume" -> {
                if (args.isEmpty()) {
                    throw atLeastOne("VOLUME");
                }
                flags.parse();
                List<String> volumes = new ArrayList<>();
                for (String v : args) {
                    if (v.isBlank()) {
                        throw new SyntaxException("VOLUME specified can not be an empty string");
                    }
                    volumes.add(v.strip());
                }
                yield new Instruction.Volume(volumes, source, line);
            }
            case "stopsignal" -> {
                if (args.size() != 1) {
                    throw exactlyOne("STOPSIGNAL");
                }
                yield new Instruction.StopSignal(args.getFirst(), source, line);
            }
            case "arg" -> arg(args, source, line);
            case "shell" -> {
                flags.parse();
                List<String> shell = commandLine(args, node.json(), false);
                if (shell.isEmpty()) {
                    throw atLeastOne("SHELL");
                }
                if (!node.json()) {
                    throw new SyntaxException("SHELL requires the arguments to be in JSON form");
                }
                yield new Instruction.Shell(shell, source, line);
            }
            default -> throw new SyntaxException("unknown instruction: " + node.keyword().toUpperCase(Locale.ROOT));
        };
    }

    private static Instruction.From from(List<String> args, BuildFlags flags, String source, int line) {
        String stageName = "";
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            stageName = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(stageName).matches()) {
                throw new SyntaxException("invalid name for build stage: " + GoQuote.quote(args.get(2))
                        + ", name can't start with a number or contain symbols");
            }
        } else if (args.size() != 1) {
            throw new SyntaxException("FROM requires either one or three arguments");
        }
        flags.string("platform").parse();
        return new Instruction.From(args.getFirst(), stageName, flags.value("platform"), source, line);
    }

    private static Instruction.Arg arg(List<String> args, String source, int line) {
        if (args.isEmpty()) {
            throw atLeastOne("ARG");
        }
        List<Instruction.ArgSpec> specs = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                specs.add(new Instruction.ArgSpec(a, null));
            } else {
                if (eq == 0) {
                    throw new SyntaxException("ARG names can not be blank");
                }
                specs.add(new Instruction.ArgSpec(a.substring(0, eq), a.substring(eq + 1)));
            }
        }
        return new Instruction.Arg(specs, source, line);
    }

    private static Instruction.Healthcheck healthcheck(Node node, List<String> args, BuildFlags flags, String source,
                                                       int line) {
        if (args.isEmpty()) {
            throw atLeastOne("HEALTHCHECK");
        }
        String type = args.getFirst().toUpperCase(Locale.ROOT);
        List<String> rest = args.subList(1, args.size());
        if (type.equals("NONE")) {
            if (!rest.isEmpty()) {
                throw new SyntaxException("HEALTHCHECK NONE takes no arguments");
            }
            return new Instruction.Healthcheck(
                    new HealthConfig(List.of("NONE"), Duration.ZERO, Duration.ZERO, Duration.ZERO, 0), source, line);
        }
        flags.string("interval").string("timeout").string("start-period").string("retries").parse();
        if (!type.equals("CMD")) {
            throw new SyntaxException("Unknown type " + GoQuote.quote(type) + " in HEALTHCHECK (try CMD)");
        }
        List<String> cmd = commandLine(rest, node.json(), false);
        if (cmd.isEmpty()) {
            throw new SyntaxException("Missing command after HEALTHCHECK CMD");
        }
        List<String> test = new ArrayList<>();
        test.add(node.json() ? "CMD" : "CMD-SHELL");
        test.addAll(cmd);
        Duration interval = interval(flags, "interval");
        Duration timeout = interval(flags, "timeout");
        Duration startPeriod = interval(flags, "start-period");
        int retries = 0;
        String r = flags.value("retries");
        if (!r.isEmpty()) {
            long parsed;
            try {
                parsed = Long.parseLong(r);
            } catch (NumberFormatException e) {
                throw new SyntaxException("strconv.ParseInt: parsing " + GoQuote.quote(r) + ": invalid syntax");
            }
            if (parsed < 1) {
                throw new SyntaxException("--retries must be at least 1 (not " + parsed + ")");
            }
            retries = (int) parsed;
        }
        return new Instruction.Healthcheck(new HealthConfig(test, interval, timeout, startPeriod, retries), source,
                line);
    }

    private static Duration interval(BuildFlags flags, String name) {
        String value = flags.value(name);
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        Duration d = GoDuration.parse(value);
        if (d.compareTo(MINIMUM_DURATION) < 0) {
            throw new SyntaxException("Interval " + GoQuote.quote(name) + " cannot be less than 1ms");
        }
        return d;
    }

    /** Exec form as written; shell form joined into one string (which the shell runs). */
    private static List<String> commandLine(List<String> args, boolean json, boolean emptyAsNull) {
        List<String> cmd = args.isEmpty() ? List.of() : json ? args : List.of(String.join(" ", args));
        return emptyAsNull && cmd.isEmpty() ? null : cmd;
    }

    private static List<Instruction.KeyValue> pairs(List<String> args, String keyword) {
        if (args.isEmpty()) {
            throw atLeastOne(keyword);
        }
        if (args.size() % 2 != 0) {
            throw new SyntaxException("Bad input to " + keyword + ", too many arguments");
        }
        List<Instruction.KeyValue> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (args.get(i).isEmpty()) {
                throw new SyntaxException(keyword + " names can not be blank");
            }
            pairs.add(new Instruction.KeyValue(args.get(i), args.get(i + 1)));
        }
        return pairs;
    }

    /** COPY/ADD sources and destination; a heredoc source is inline content, a heredoc destination an error. */
    private record Sources(List<String> paths, String dest, List<Heredoc> inline) {}

    private static Sources sources(Node node, List<String> args, String keyword) {
        String dest = args.getLast();
        if (Heredoc.marker(dest) != null) {
            throw new SyntaxException(keyword + " cannot accept a heredoc as a destination");
        }
        List<String> paths = new ArrayList<>();
        List<Heredoc> inline = new ArrayList<>();
        for (String src : args.subList(0, args.size() - 1)) {
            Heredoc marker = node.heredocs().isEmpty() ? null : Heredoc.marker(src);
            if (marker == null) {
                paths.add(src);
                continue;
            }
            node.heredocs().stream().filter(h -> h.name().equals(marker.name())).findFirst().ifPresentOrElse(
                    inline::add, () -> paths.add(src));
        }
        return new Sources(paths, dest, inline);
    }

    private static SyntaxException atLeastOne(String keyword) {
        return new SyntaxException(keyword + " requires at least one argument");
    }

    private static SyntaxException exactlyOne(String keyword) {
        return new SyntaxException(keyword + " requires exactly one argument");
    }

    private static SyntaxException noDestination(String keyword) {
        return new SyntaxException(keyword
                + " requires at least two arguments, but only one was provided. Destination could not be determined");
    }
}
