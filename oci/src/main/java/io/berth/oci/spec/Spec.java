package io.berth.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An OCI runtime spec ({@code config.json}), as much of it as Berth writes: field names, shapes and order as in
 * runtime-spec v1.0.2; an absent part is {@code null} and left out of the JSON. Immutable: each {@code with…}
 * answers a changed copy.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md">OCI runtime spec, config.json</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Spec(String ociVersion, Process process, String hostname, List<Mount> mounts, Linux linux, Root root) {
    /** The runtime-spec version Berth writes; runc and crun accept it. */
    public static final String VERSION = "1.0.2";

    public Spec {
        mounts = Lists.copy(mounts);
    }

    /** A spec with only its version: the start of every chain of {@code with…} steps. */
    public static Spec empty() {
        return new Spec(VERSION, null, null, null, null, null);
    }

    public Spec withProcess(Process changed) {
        return new Spec(ociVersion, changed, hostname, mounts, linux, root);
    }

    /** Changes the process, starting from an empty one when there is none yet. */
    public Spec updateProcess(UnaryOperator<Process> change) {
        return withProcess(change.apply(process == null ? Process.empty() : process));
    }

    public Spec withHostname(String changed) {
        return new Spec(ociVersion, process, changed, mounts, linux, root);
    }

    public Spec withMounts(List<Mount> changed) {
        return new Spec(ociVersion, process, hostname, changed, linux, root);
    }

    public Spec withLinux(Linux changed) {
        return new Spec(ociVersion, process, hostname, mounts, changed, root);
    }

    /** Changes the Linux part, starting from an empty one when there is none yet. */
    public Spec updateLinux(UnaryOperator<Linux> change) {
        return withLinux(change.apply(linux == null ? Linux.empty() : linux));
    }

    public Spec withRoot(Root changed) {
        return new Spec(ociVersion, process, hostname, mounts, linux, changed);
    }
}
