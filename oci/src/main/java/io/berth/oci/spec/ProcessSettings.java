package io.berth.oci.spec;

import java.util.List;

/** The process part of a container's spec, already merged with its image's defaults. */
public record ProcessSettings(List<String> command, List<String> env, String workingDir, String hostname, boolean tty,
        int uid, int gid) {
}
