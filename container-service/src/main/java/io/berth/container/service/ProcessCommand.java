package io.berth.container.service;

import io.berth.container.ContainerSpec;
import io.berth.container.ImageFacts;
import io.berth.kit.errors.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a container's request with its image's defaults the way Docker does: the process, its environment, its
 * working directory.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact">CMD and ENTRYPOINT</a>
 */
final class ProcessCommand {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ProcessCommand() {
    }

    /** Entrypoint + Cmd; a given entrypoint drops the image's Cmd unless Cmd is given too. */
    static List<String> command(ContainerSpec spec, ImageFacts image) {
        List<String> entrypoint = spec.entrypoint() != null ? spec.entrypoint() : nullToEmpty(image.entrypoint());
        List<String> cmd;
        if (spec.cmd() != null) {
            cmd = spec.cmd();
        } else if (spec.entrypoint() != null) {
            cmd = List.of();
        } else {
            cmd = nullToEmpty(image.cmd());
        }
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new InvalidParameterException("no command specified");
        }
        return List.copyOf(command);
    }

    /** The image's variables, overridden by the container's, plus PATH and HOSTNAME when missing. */
    static List<String> environment(ContainerSpec spec, ImageFacts image, String hostname) {
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put("PATH", DEFAULT_PATH.substring("PATH=".length()));
        merged.put("HOSTNAME", hostname);
        for (String entry : image.env()) {
            put(merged, entry);
        }
        for (String entry : spec.env()) {
            put(merged, entry);
        }
        List<String> env = new ArrayList<>(merged.size());
        merged.forEach((key, value) -> env.add(key + "=" + value));
        return env;
    }

    static String workingDir(ContainerSpec spec, ImageFacts image) {
        if (spec.workingDir() != null && !spec.workingDir().isEmpty()) {
            if (!spec.workingDir().startsWith("/")) {
                throw new InvalidParameterException("the working directory '" + spec.workingDir() + "' is invalid, it needs to be an absolute path");
            }
            return spec.workingDir();
        }
        return image.workingDir() == null || image.workingDir().isEmpty() ? "/" : image.workingDir();
    }

    private static void put(Map<String, String> env, String entry) {
        int equals = entry.indexOf('=');
        if (equals <= 0) {
            return;
        }
        env.put(entry.substring(0, equals), entry.substring(equals + 1));
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
