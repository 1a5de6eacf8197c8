package io.berth.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The Linux part of the spec: namespaces, hidden and read-only paths, the cgroup path and its resource limits.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config-linux.md">OCI config, Linux</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Linux(List<Namespace> namespaces, List<String> maskedPaths, List<String> readonlyPaths,
        String cgroupsPath, Resources resources) {

    public Linux {
        namespaces = Lists.copy(namespaces);
        maskedPaths = Lists.copy(maskedPaths);
        readonlyPaths = Lists.copy(readonlyPaths);
    }

    /** Nothing set. */
    public static Linux empty() {
        return new Linux(null, null, null, null, null);
    }

    public Linux withNamespaces(List<Namespace> changed) {
        return new Linux(changed, maskedPaths, readonlyPaths, cgroupsPath, resources);
    }

    public Linux withMaskedPaths(List<String> changed) {
        return new Linux(namespaces, changed, readonlyPaths, cgroupsPath, resources);
    }

    public Linux withReadonlyPaths(List<String> changed) {
        return new Linux(namespaces, maskedPaths, changed, cgroupsPath, resources);
    }

    public Linux withCgroupsPath(String changed) {
        return new Linux(namespaces, maskedPaths, readonlyPaths, changed, resources);
    }

    public Linux withResources(Resources changed) {
        return new Linux(namespaces, maskedPaths, readonlyPaths, cgroupsPath, changed);
    }
}
