package io.berth.worker.inside;

import io.berth.kit.errors.InternalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code docker top}: the node's {@code ps} with the client's arguments, kept to the container's processes, parsed
 * as dockerd parses it (moby daemon/top_unix.go): titles from the first line, a row per process of the container,
 * the last column holding the rest of the line, and a thread line ({@code -} as its pid) kept after its process.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/top_unix.go">moby ContainerTop</a>
 */
public final class ProcessTable {
    private static final long PS_SECONDS = 10;

    private ProcessTable() {
    }

    /** Docker's {@code ContainerTopOKBody}. */
    public record Top(@com.fasterxml.jackson.annotation.JsonProperty("Titles") List<String> titles,
            @com.fasterxml.jackson.annotation.JsonProperty("Processes") List<List<String>> processes) {
    }

    /**
     * Runs ps with {@code psArgs} (dockerd's {@code -ef} when empty) and the container's pids as {@code -q}; options
     * ps cannot take with {@code -q} are tried again without it, as dockerd does.
     */
    static Top of(String psArgs, List<Long> pids) {
        List<String> args = new ArrayList<>(Arrays.asList((psArgs == null || psArgs.isEmpty() ? "-ef" : psArgs).split(" ")));
        List<String> withPids = new ArrayList<>(args);
        withPids.add("-q" + pids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        Result output = ps(withPids);
        if (output.code() != 0) {
            output = ps(args);
            if (output.code() != 0) {
                // dockerd shows the first line of ps's complaint.
                String first = output.stderr().lines().findFirst().orElse("exit status " + output.code());
                throw new InternalException("ps: " + first);
            }
        }
        return parse(output.stdout(), Set.copyOf(pids));
    }

    /** moby's parsePSOutput. */
    static Top parse(String output, Set<Long> pids) {
        String[] lines = output.split("\n");
        List<String> titles = fields(lines[0]);
        int pidIndex = titles.indexOf("PID");
        if (pidIndex < 0) {
            throw new InternalException("Couldn't find PID field in ps output");
        }
        List<List<String>> processes = new ArrayList<>();
        boolean previousWasOurs = false;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            List<String> fields = fields(lines[i]);
            if (fields.size() <= pidIndex) {
                continue;
            }
            String pid = fields.get(pidIndex);
            if (pid.equals("-")) {
                if (previousWasOurs) {
                    processes.add(row(fields, titles.size()));
                }
                continue;
            }
            long number;
            try {
                number = Long.parseLong(pid);
            } catch (NumberFormatException e) {
                throw new InternalException("Unexpected pid '" + pid + "': strconv.Atoi: parsing \"" + pid
                        + "\": invalid syntax");
            }
            previousWasOurs = pids.contains(number);
            if (previousWasOurs) {
                processes.add(row(fields, titles.size()));
            }
        }
        return new Top(titles, processes);
    }

    /** The line's first fields under the titles, the rest joined into the last column (a command with spaces). */
    private static List<String> row(List<String> fields, int columns) {
        if (fields.size() < columns) {
            return fields;
        }
        List<String> row = new ArrayList<>(fields.subList(0, columns - 1));
        row.add(String.join(" ", fields.subList(columns - 1, fields.size())));
        return row;
    }

    /** Go's fieldsASCII: split at ASCII white space only. */
    private static List<String> fields(String line) {
        return Arrays.stream(line.split("[ \t\n\u000b\f\r]+")).filter(field -> !field.isEmpty()).toList();
    }

    private record Result(int code, String stdout, String stderr) {
    }

    private static Result ps(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("ps");
        command.addAll(args);
        try {
            Process ps = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            // ps writes little; reading stderr after stdout cannot block it.
            String stdout = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(ps.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ps.waitFor(PS_SECONDS, TimeUnit.SECONDS)) {
                ps.destroyForcibly();
                throw new InternalException("ps did not answer in " + PS_SECONDS + " s");
            }
            return new Result(ps.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new InternalException("cannot run ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while running ps");
        }
    }
}
