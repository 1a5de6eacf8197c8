package io.berth.volume;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code local} volume driver, the only one Berth has: which driver names mean it, and which driver options
 * it takes. Options are Docker's ({@code type}, {@code device}, {@code o}: mount(8)'s type, source and options, with
 * which the node mounts the volume's data directory); of the volumes they describe Berth makes tmpfs volumes and
 * bind-backed ones ({@code type=none}, {@code o=bind}), and refuses the others by name.
 *
 * @see <a href="https://docs.docker.com/engine/storage/volumes/#create-a-local-volume-with-options">local driver options</a>
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/volume/local/local_unix.go">moby volume/local validateOpts</a>
 */
public final class LocalDriver {
    public static final String NAME = "local";
    /** Docker's label of a volume made without a name (moby volume/service AnonymousLabel, API 1.42). */
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
    private static final Set<String> OPTIONS = Set.of("type", "device", "o", "size");

    private LocalDriver() {
    }

    /** Null and {@code ""} mean the default driver; any other name than {@code local} is dockerd's 404. */
    public static String driver(VolumeName name, String driver) {
        if (driver == null || driver.isEmpty() || driver.equals(NAME)) {
            return NAME;
        }
        throw new NotFoundException("create " + name + ": error looking up volume plugin " + driver + ": plugin \""
                + driver + "\" not found");
    }

    /** Checks a create's driver options in dockerd's words; the options as given, or an empty map. */
    public static Map<String, String> options(VolumeName name, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return Map.of();
        }
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw invalid(name, "invalid option: \"" + key + "\"");
            }
        }
        if (options.containsKey("size")) {
            // dockerd sizes local volumes only on XFS with project quotas; Berth does not.
            throw invalid(name, "quota size requested but no quota support");
        }
        String device = options.getOrDefault("device", "");
        String type = options.getOrDefault("type", "");
        if (device.isEmpty()) {
            throw invalid(name, "missing required option: \"device\"");
        }
        if (type.isEmpty()) {
            throw invalid(name, "missing required option: \"type\"");
        }
        String o = options.getOrDefault("o", "");
        boolean bind = (type.equals("none") || type.equals("bind"))
                && Arrays.stream(o.split(",")).anyMatch(option -> option.equals("bind") || option.equals("rbind"));
        if (!type.equals("tmpfs") && !bind) {
            throw invalid(name, "Berth's local driver makes tmpfs volumes (type=tmpfs) and bind-backed ones (type=none,"
                    + " o=bind) only, not type \"" + type + "\"" + (o.isEmpty() ? "" : " with o \"" + o + "\""));
        }
        if (bind && !device.startsWith("/")) {
            throw invalid(name, "the device of a bind-backed volume must be an absolute host path: \"" + device + "\"");
        }
        return Map.copyOf(options);
    }

    /** Whether a volume with these options shows its data from a host path (a bind-backed volume's device). */
    public static String hostPath(Map<String, String> options) {
        String type = options.getOrDefault("type", "");
        return type.equals("tmpfs") || options.isEmpty() ? null : options.get("device");
    }

    private static InvalidParameterException invalid(VolumeName name, String why) {
        return new InvalidParameterException("create " + name + ": " + why);
    }
}
