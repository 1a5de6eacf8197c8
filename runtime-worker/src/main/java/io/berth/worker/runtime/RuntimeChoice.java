package io.berth.worker.runtime;

import java.util.List;
import java.util.Locale;

/**
 * Which OCI runtime runs containers. crun is Berth's default, but crun 1.8 refuses cgroup v1 hybrid hosts
 * ("cgroups in hybrid mode not supported"), so {@code auto} takes runc on any host that is not pure cgroup v2.
 */
public final class RuntimeChoice {
    static final String CRUN = "crun";
    static final String RUNC = "runc";
    /** Every runtime the worker may drive; they share a command line and the worker's runtime state directory. */
    public static final List<String> RUNTIMES = List.of(CRUN, RUNC);

    private RuntimeChoice() {
    }

    /** The runtime's program name for the configured value ({@code auto|crun|runc}) on a host with this layout. */
    public static String choose(String configured, CgroupLayout.Kind layout) {
        String value = configured == null ? "auto" : configured.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case CRUN, RUNC -> value;
            case "auto", "" -> layout == CgroupLayout.Kind.UNIFIED ? CRUN : RUNC;
            default -> throw new IllegalArgumentException("berth.worker.oci-runtime must be auto, crun or runc, not "
                    + configured);
        };
    }
}
