package io.berth.worker.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the runtime and conmon printed into one message, keeping the runtime's words: the docker CLI reads
 * them ("executable file not found" becomes exit 127, "permission denied" 126; docker/cli container/run.go).
 */
public final class RuntimeErrors {
    private RuntimeErrors() {
    }

    /** The error lines of a runc/crun {@code --log} file and of conmon's stderr, joined; empty when there are none. */
    public static String message(String runtimeLog, String conmonOutput) {
        List<String> messages = new ArrayList<>();
        for (String line : (runtimeLog == null ? "" : runtimeLog).split("\n")) {
            String message = logMessage(line);
            if (message != null && !message.isBlank() && !messages.contains(message)) {
                messages.add(message);
            }
        }
        for (String line : (conmonOutput == null ? "" : conmonOutput).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && messages.stream().noneMatch(m -> trimmed.contains(m))) {
                messages.add(trimmed);
            }
        }
        return String.join("; ", messages);
    }

    /** True when the message says the command itself could not be executed, a client error (400). */
    public static boolean isExecFailure(String message) {
        return message.contains("executable file not found") || message.contains("exec: \"")
                || message.contains("permission denied") || message.contains("no such file or directory");
    }

    /**
     * One line of the runtime's log: runc writes logrus text ({@code time=".." level=error msg=".."}), crun plain
     * text or JSON; only errors count.
     */
    static String logMessage(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.startsWith("{")) {
            int at = trimmed.indexOf("\"msg\":\"");
            return at < 0 ? trimmed : unquote(trimmed, at + 7);
        }
        int level = trimmed.indexOf("level=");
        if (level >= 0 && !trimmed.startsWith("error", level + 6) && !trimmed.startsWith("fatal", level + 6)) {
            return null;
        }
        int msg = trimmed.indexOf("msg=\"");
        return msg < 0 ? trimmed : unquote(trimmed, msg + 5);
    }

    /** Reads a Go-quoted string starting after its opening quote. */
    private static String unquote(String text, int start) {
        StringBuilder out = new StringBuilder();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else if (c == '"') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
