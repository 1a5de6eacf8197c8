package io.berth.image.build.steps;

import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.Heredoc;
import io.berth.image.build.dockerfile.Instruction;
import io.berth.kit.errors.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a RUN step runs and records, as the classic builder decides it: the command (through the stage's shell for
 * shell form; a heredoc body runs as the shell's script, or as a file when it starts with {@code #!}), the
 * environment (the stage's, plus the args usable in it), the command its history and cache key record (the args
 * first, as {@code |N a=1 b=2}, when there are any), and Docker's words when it fails.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/dispatchers.go">dispatchRun</a>
 */
public record RunStep(List<String> cmd, List<String> env, List<String> historyCmd, Script script) {

    /** A heredoc starting with {@code #!}: written to {@code path} (mode 0755) and run as the command. */
    public record Script(String path, String content) {}

    /** Where a {@code #!} heredoc is put for its step, as BuildKit does. */
    static final String SCRIPT_DIR = "/dev/pipes/";

    public static RunStep of(StageConfig c, Instruction.Run run, BuildArgs args) {
        if (!run.flagsUsed().isEmpty()) {
            // The classic builder supports no RUN flag: refuse the first, in its words.
            throw new InvalidParameterException("the --" + run.flagsUsed().getFirst()
                    + " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build"
                    + " images with BuildKit enabled");
        }
        List<String> cmdLine = run.cmdLine();
        Script script = null;
        if (!run.heredocs().isEmpty() && run.prependShell() && cmdLine.size() == 1) {
            Heredoc first = run.heredocs().getFirst();
            Heredoc marker = io.berth.image.build.dockerfile.Dockerfile.heredocMarker(cmdLine.getFirst());
            if (marker != null) {
                String data = first.effectiveContent();
                if (data.startsWith("#!")) {
                    script = new Script(SCRIPT_DIR + first.name(), data);
                    cmdLine = List.of(script.path());
                } else {
                    cmdLine = List.of(data);
                }
            } else {
                // RUN python3 <<EOF: the shell reads the heredocs itself, so hand it the whole text.
                StringBuilder b = new StringBuilder(cmdLine.getFirst());
                for (Heredoc doc : run.heredocs()) {
                    b.append('\n').append(doc.content()).append(doc.name());
                }
                cmdLine = List.of(b.toString());
            }
        }
        List<String> cmd = script != null ? cmdLine : MetadataSteps.withShell(c, cmdLine, run.prependShell());
        Map<String, String> stageEnv = c.envMap();
        List<String> env = new ArrayList<>(c.env());
        args.runEnv(stageEnv).forEach((k, v) -> env.add(k + "=" + v));
        Map<String, String> recorded = args.historyEnv(stageEnv);
        List<String> history = new ArrayList<>();
        if (!args.runEnv(stageEnv).isEmpty()) {
            history.add("|" + recorded.size());
            // Sorted as "k=v" strings, as Go's sort.Strings sorts them ("A1=x" before "A=y").
            recorded.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().forEach(history::add);
        }
        history.addAll(cmd);
        return new RunStep(List.copyOf(cmd), List.copyOf(env), List.copyOf(history), script);
    }

    /** The history line: the recorded command joined with spaces. */
    public String createdBy() {
        return String.join(" ", historyCmd);
    }

    /** Docker's words for a step whose command exited non-zero: {@code The command '/bin/sh -c false' returned a non-zero code: 1}. */
    public String failure(int exitCode) {
        return "The command '" + String.join(" ", cmd) + "' returned a non-zero code: " + exitCode;
    }
}
