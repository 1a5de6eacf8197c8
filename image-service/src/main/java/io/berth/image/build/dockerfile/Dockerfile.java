package io.berth.image.build.dockerfile;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Dockerfile: the {@code ARG}s before the first {@code FROM} (usable in {@code FROM} lines), its stages, its
 * escape token (variable expansion uses it too) and the warnings the builder prints before the first step. Bad input
 * gets the classic builder's words: {@code failed to parse Dockerfile: …} for text that does not parse,
 * {@code dockerfile parse error line N: …} for an instruction that is wrong.
 */
public record Dockerfile(List<Instruction.Arg> metaArgs, List<Stage> stages, char escapeToken, List<String> warnings) {
    public Dockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    /** Parses the file named {@code name} (the build's {@code dockerfile} parameter, used in messages). */
    public static Dockerfile parse(String name, byte[] content) {
        if (content.length == 0) {
            throw new InvalidParameterException("the Dockerfile (" + name + ") cannot be empty");
        }
        DockerfileParser.Parsed parsed;
        try {
            parsed = DockerfileParser.parse(new String(content, StandardCharsets.UTF_8));
        } catch (SyntaxException e) {
            throw new InvalidParameterException("failed to parse " + name + ": " + e.getMessage());
        }
        List<Instruction.Arg> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        for (Node node : parsed.nodes()) {
            Instruction instruction;
            try {
                instruction = InstructionParser.parse(node);
            } catch (SyntaxException e) {
                throw new InvalidParameterException(
                        "dockerfile parse error line " + node.startLine() + ": " + e.getMessage());
            }
            if (instruction instanceof Instruction.From from) {
                stages.add(new Stage(stages.size(), from, List.of()));
            } else if (stages.isEmpty() && instruction instanceof Instruction.Arg arg) {
                metaArgs.add(arg);
            } else if (stages.isEmpty()) {
                throw new InvalidParameterException("no build stage in current context");
            } else {
                stages.set(stages.size() - 1, stages.getLast().plus(instruction));
            }
        }
        return new Dockerfile(metaArgs, stages, parsed.escapeToken(), parsed.warnings());
    }

    /**
     * One ONBUILD trigger of a base image, read as the child build runs it: exactly one instruction (FROM, MAINTAINER
     * and ONBUILD cannot be triggers).
     */
    public static Instruction trigger(String expression) {
        try {
            DockerfileParser.Parsed parsed = DockerfileParser.parse(expression);
            if (parsed.nodes().size() != 1) {
                throw new InvalidParameterException("onbuild trigger should be a single expression");
            }
            return InstructionParser.parse(parsed.nodes().getFirst());
        } catch (SyntaxException e) {
            throw new InvalidParameterException(e.getMessage());
        }
    }

    /** The heredoc a word marks ({@code <<EOF}, {@code <<-'EOF'}), or null: how RUN tells a bare heredoc command. */
    public static Heredoc heredocMarker(String word) {
        return Heredoc.marker(word);
    }

    /** The instructions {@code docker commit --change} may carry (moby's {@code validCommitCommands}). */
    private static final java.util.Set<String> COMMIT_CHANGES = java.util.Set.of("cmd", "entrypoint", "healthcheck",
            "env", "expose", "label", "onbuild", "user", "volume", "workdir");

    /**
     * The {@code changes} of {@code docker commit --change}, each a Dockerfile instruction of the kinds a commit may
     * change, in Docker's words when one is not ({@code run is not a valid change command}) or does not parse (the
     * parser's own words, without a file name or line).
     */
    public static List<Instruction> changes(List<String> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        try {
            DockerfileParser.Parsed parsed = DockerfileParser.parse(String.join("\n", changes));
            for (Node node : parsed.nodes()) {
                if (!COMMIT_CHANGES.contains(node.keyword())) {
                    throw new InvalidParameterException(node.keyword() + " is not a valid change command");
                }
            }
            return parsed.nodes().stream().map(InstructionParser::parse).toList();
        } catch (SyntaxException e) {
            throw new InvalidParameterException(e.getMessage());
        }
    }
}
