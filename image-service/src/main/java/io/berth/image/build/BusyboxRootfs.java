package io.berth.image.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The file system of the seed image: the busybox binary at {@code /bin/busybox}, one symbolic link per applet under
 * {@code /bin}, a minimal {@code /etc/passwd} and {@code /etc/group}, and the directories a container expects.
 */
public final class BusyboxRootfs {
    static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
    static final String GROUP = "root:x:0:\nnobody:x:65534:\n";

    private BusyboxRootfs() {
    }

    /** The entries for this binary and its applets (as {@code busybox --list} names them). */
    public static List<LayerEntry> entries(byte[] busybox, List<String> applets) {
        List<LayerEntry> entries = new ArrayList<>();
        for (String dir : List.of("bin", "dev", "etc", "proc", "sys", "var")) {
            entries.add(LayerEntry.directory(dir, 0755));
        }
        entries.add(LayerEntry.directory("root", 0700));
        // World-writable with the sticky bit, as every /tmp.
        entries.add(LayerEntry.directory("tmp", 01777));
        entries.add(LayerEntry.file("bin/busybox", 0755, busybox));
        entries.add(LayerEntry.file("etc/passwd", 0644, PASSWD.getBytes(StandardCharsets.UTF_8)));
        entries.add(LayerEntry.file("etc/group", 0644, GROUP.getBytes(StandardCharsets.UTF_8)));
        applets.stream().distinct()
                .filter(applet -> !applet.equals("busybox"))
                .forEach(applet -> entries.add(LayerEntry.symlink("bin/" + applet, "busybox")));
        return entries;
    }

    /** Asks the binary which applets it has. Blocking: runs {@code busybox --list}. */
    public static List<String> applets(Path busybox) {
        try {
            Process process = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(busybox + " --list failed: " + output.strip());
            }
            return output.lines().map(String::strip)
                    .filter(name -> !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals(".."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + busybox + " --list", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing busybox applets", e);
        }
    }

    /** Reads the binary. Blocking. */
    public static byte[] binary(Path busybox) {
        try {
            return Files.readAllBytes(busybox);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + busybox, e);
        }
    }
}
