package io.berth.gateway.api;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the machine the gateway runs on, as {@code /version} and {@code /info} report them. */
final class Host {
    private Host() {
    }

    /** The running kernel's release, e.g. {@code 6.8.0-45-generic}. */
    static String kernelVersion() {
        return read("/proc/sys/kernel/osrelease", System.getProperty("os.version"));
    }

    /** The host name, as dockerd reports it in {@code Name}. */
    static String name() {
        String fromKernel = read("/proc/sys/kernel/hostname", "");
        if (!fromKernel.isEmpty()) {
            return fromKernel;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "berth";
        }
    }

    private static String read(String file, String fallback) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return fallback;
        }
    }
}
