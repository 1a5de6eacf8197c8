package io.berth.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real terminal for the docker CLI: a tmux server of its own (its own socket), one window of a fixed size running
 * one shell command with {@code DOCKER_HOST} pointed at Berth. Keys go in as tmux sends them from a keyboard; the
 * screen is read back with {@code capture-pane}, which drops the blanks at the ends of lines (a prompt {@code / # }
 * reads as {@code / #}).
 */
final class Tmux implements AutoCloseable {
    private static final Duration CALL = Duration.ofSeconds(20);
    private final String socket;

    private Tmux(String socket) {
        this.socket = socket;
    }

    /** Starts {@code command} (a shell command line) in a window of {@code width} x {@code height}. */
    static Tmux start(int width, int height, String command) {
        Tmux tmux = new Tmux("berth-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Command.Result started = tmux.tmux("new-session", "-d", "-s", "e2e", "-x", Integer.toString(width),
                "-y", Integer.toString(height), "-e", "DOCKER_HOST=" + Berth.GATEWAY, command);
        if (started.exitCode() != 0) {
            throw new AssertionError("tmux did not start: " + started);
        }
        tmux.tmux("set-option", "-t", "e2e", "remain-on-exit", "on");
        return tmux;
    }

    private Command.Result tmux(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        return Command.run(Map.of(), CALL, command);
    }

    /** Types {@code text} as it is (no key names). */
    void type(String text) {
        tmux("send-keys", "-t", "e2e", "-l", text);
    }

    /** Presses keys by tmux's names: {@code Enter}, {@code C-p}, {@code C-q}. */
    void press(String... keys) {
        List<String> args = new java.util.ArrayList<>(List.of("send-keys", "-t", "e2e"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Types a command line and presses Enter. */
    void enter(String line) {
        type(line);
        press("Enter");
    }

    /** The window's size changes, as when the user resizes the terminal: the CLI learns it through SIGWINCH. */
    void resize(int width, int height) {
        tmux("resize-window", "-t", "e2e", "-x", Integer.toString(width), "-y", Integer.toString(height));
    }

    String screen() {
        return tmux("capture-pane", "-p", "-t", "e2e", "-S", "-200").stdout();
    }

    /** Waits until the screen shows {@code text}; answers the screen then. */
    String await(String text) {
        long deadline = System.currentTimeMillis() + 30_000;
        String screen = "";
        while (System.currentTimeMillis() < deadline) {
            screen = screen();
            if (screen.contains(text)) {
                return screen;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the terminal never showed \"" + text + "\"; it shows:\n" + screen);
    }

    /** How many times the screen shows {@code text}. */
    int count(String text) {
        String screen = screen();
        int count = 0;
        for (int at = screen.indexOf(text); at >= 0; at = screen.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    /**
     * Ends the terminal. The processes in the pane go first: the docker CLI survives the SIGHUP tmux sends when its
     * server ends, and would leave a {@code run -it --rm} container running.
     */
    @Override
    public void close() {
        String pids = tmux("list-panes", "-s", "-t", "e2e", "-F", "#{pane_pid}").stdout();
        for (String pid : pids.strip().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(pane -> {
                    pane.descendants().forEach(ProcessHandle::destroyForcibly);
                    pane.destroyForcibly();
                });
            }
        }
        tmux("kill-server");
    }
}
