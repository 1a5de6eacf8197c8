package io.berth.worker.volumes;

import io.berth.kit.errors.InvalidParameterException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * How a local volume with driver options is mounted, as Docker's local driver takes them: {@code type},
 * {@code device} and {@code o}, given to mount(8) as {@code mount -t <type> -o <o> <device> <_data>}. Berth mounts two
 * kinds: {@code tmpfs}, and a bind of a host directory ({@code type=none}, {@code o} naming {@code bind} or
 * {@code rbind}); volume-service refuses the rest in Docker's words, and the worker refuses them again.
 *
 * @see <a href="https://docs.docker.com/engine/storage/volumes/#create-a-local-volume-with-options">local driver options</a>
 */
public record VolumeOptions(String type, String device, String o) {
    private static final Set<String> KEYS = Set.of("type", "device", "o");

    /** The options of a volume; null when it has none (a plain directory). */
    public static VolumeOptions of(Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return null;
        }
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidParameterException("invalid option: \"" + key + "\"");
            }
        }
        String device = options.get("device");
        String type = options.get("type");
        if (device == null || device.isEmpty()) {
            throw new InvalidParameterException("missing required option: \"device\"");
        }
        if (type == null || type.isEmpty()) {
            throw new InvalidParameterException("missing required option: \"type\"");
        }
        VolumeOptions parsed = new VolumeOptions(type, device, options.getOrDefault("o", ""));
        if (!parsed.isTmpfs() && !parsed.isBind()) {
            throw new InvalidParameterException("Berth's local driver mounts tmpfs and bind volumes only, not type \""
                    + type + "\" with o \"" + parsed.o() + "\"");
        }
        if (parsed.isBind() && !device.startsWith("/")) {
            throw new InvalidParameterException("the device of a bind volume is an absolute host path: " + device);
        }
        return parsed;
    }

    public boolean isTmpfs() {
        return "tmpfs".equals(type);
    }

    /** {@code type=none} (or {@code bind}) with {@code bind} or {@code rbind} among the options. */
    public boolean isBind() {
        return ("none".equals(type) || "bind".equals(type))
                && Arrays.stream(o.split(",")).anyMatch(option -> option.equals("bind") || option.equals("rbind"));
    }

    public Map<String, String> asMap() {
        return o.isEmpty() ? Map.of("type", type, "device", device) : Map.of("type", type, "device", device, "o", o);
    }
}
