package io.berth.container;

/**
 * How a container's process meets its clients (Docker's {@code Tty}, {@code OpenStdin}, {@code StdinOnce},
 * {@code AttachStdin} and {@code HostConfig.ConsoleSize}): a terminal or separate streams, stdin open to attach and
 * whether it closes when the first attached client ends it (without a terminal), and the terminal's first size in
 * rows and columns (0 when not given).
 */
public record ContainerStdio(boolean tty, boolean openStdin, boolean stdinOnce, boolean attachStdin, int consoleHeight,
        int consoleWidth) {

    /** No terminal, stdin closed: what a create that asks for nothing gets. */
    public static ContainerStdio none() {
        return new ContainerStdio(false, false, false, false, 0, 0);
    }
}
