package io.berth.container.mounts;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the forms a create asks for mounts in ({@code HostConfig.Binds} as {@code -v} writes them,
 * {@code HostConfig.Mounts} as {@code --mount} does, {@code HostConfig.Tmpfs}, {@code HostConfig.VolumesFrom}, and
 * {@code Config.Volumes}) into {@link MountPoint}s, with Docker's Linux parser's rules and words: a mode is at most
 * one of each kind ({@code ro}/{@code rw}, {@code z}/{@code Z}, a propagation, {@code nocopy}, a consistency); a
 * source that is an absolute path makes a bind, anything else names a volume; a target must be absolute and not
 * {@code /}.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/volume/mounts/linux_parser.go">moby linuxParser</a>
 */
public final class MountParser {
    static final String DEFAULT_PROPAGATION = "rprivate";
    private static final Set<String> RW_MODES = Set.of("rw", "ro");
    private static final Set<String> LABEL_MODES = Set.of("z", "Z");
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "slave", "rslave", "shared", "rshared");
    private static final Set<String> COPY_MODES = Set.of("nocopy");
    private static final Set<String> CONSISTENCIES = Set.of("consistent", "cached", "delegated");
    private static final Set<String> TMPFS_FLAGS = Set.of("exec", "noexec");

    private MountParser() {
    }

    /** One {@code HostConfig.Binds} entry: {@code dest}, {@code source:dest} or {@code source:dest:mode}. */
    public static MountPoint bind(String raw, String volumeDriver) {
        String[] parts = raw.split(":", 4);
        if (parts[0].isEmpty()) {
            throw invalidSpec(raw);
        }
        String source = "";
        String target;
        String mode = "";
        switch (parts.length) {
            case 1 -> target = parts[0];
            case 2 -> {
                if (validMode(parts[1])) {
                    // "/foo:rw": a destination with a mode is no volume.
                    throw invalidSpec(raw);
                }
                source = parts[0];
                target = parts[1];
            }
            case 3 -> {
                source = parts[0];
                target = parts[1];
                mode = parts[2];
            }
            default -> throw invalidSpec(raw);
        }
        if (!validMode(mode)) {
            throw new InvalidParameterException("invalid mode: " + mode);
        }
        List<String> options = List.of(mode.split(","));
        boolean readOnly = options.contains("ro");
        String propagation = options.stream().filter(PROPAGATIONS::contains).findFirst().orElse(null);
        boolean noCopy = options.contains("nocopy");
        try {
            if (source.startsWith("/")) {
                if (noCopy) {
                    throw mountConfig(MountPoint.BIND, "field VolumeOptions must not be specified");
                }
                checkTarget(MountPoint.BIND, target);
                return new MountPoint(MountPoint.BIND, null, clean(source), clean(target), null, mode, !readOnly,
                        propagation == null ? DEFAULT_PROPAGATION : propagation, false, false, false, true, null, null, null);
            }
            if (propagation != null) {
                throw mountConfig(MountPoint.VOLUME, "field BindOptions must not be specified");
            }
            checkTarget(MountPoint.VOLUME, target);
            if (source.isEmpty() && readOnly) {
                throw mountConfig(MountPoint.VOLUME, "must not set ReadOnly mode when using anonymous volumes");
            }
            // dockerd shows "z" as the mode of a named volume given without one (moby daemon/volumes.go
            // setBindModeIfNull), and an anonymous one's as given.
            String shownMode = mode.isEmpty() && !source.isEmpty() ? "z" : mode;
            return new MountPoint(MountPoint.VOLUME, source.isEmpty() ? null : source, "", clean(target),
                    emptyToNull(volumeDriver), shownMode, !readOnly, "", !noCopy, false, false, false, null, null, null);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(invalidSpec(raw).getMessage() + ": " + e.getMessage(), e);
        }
    }

    /** One {@code HostConfig.Mounts} entry, checked as dockerd checks a {@code --mount}. */
    public static MountPoint mount(MountSpec spec, String volumeDriver) {
        String type = spec.type() == null ? "" : spec.type();
        if (spec.target() == null || spec.target().isEmpty()) {
            throw mountConfig(type, "field Target must not be empty");
        }
        checkTarget(type, spec.target());
        String source = spec.source() == null ? "" : spec.source();
        String target = clean(spec.target());
        return switch (type) {
            case MountPoint.BIND -> bindMount(spec, source, target);
            case MountPoint.VOLUME -> volumeMount(spec, source, target, volumeDriver);
            case MountPoint.TMPFS -> {
                if (spec.bindOptions() != null) {
                    throw mountConfig(type, "field BindOptions must not be specified");
                }
                if (!source.isEmpty()) {
                    throw mountConfig(type, "field Source must not be specified");
                }
                if (spec.volumeOptions() != null) {
                    throw mountConfig(type, "field VolumeOptions must not be specified");
                }
                yield tmpfs(target, tmpfsData(spec.tmpfsOptions(), spec.readOnly()), !spec.readOnly());
            }
            default -> throw mountConfig(type, "mount type unknown");
        };
    }

    private static MountPoint bindMount(MountSpec spec, String source, String target) {
        if (source.isEmpty()) {
            throw mountConfig(MountPoint.BIND, "field Source must not be empty");
        }
        MountSpec.BindOptions options = spec.bindOptions();
        String propagation = options == null || options.propagation() == null || options.propagation().isEmpty()
                ? DEFAULT_PROPAGATION : options.propagation();
        if (!PROPAGATIONS.contains(propagation)) {
            throw mountConfig(MountPoint.BIND, "invalid propagation mode: " + propagation);
        }
        if (spec.volumeOptions() != null) {
            throw mountConfig(MountPoint.BIND, "field VolumeOptions must not be specified");
        }
        if (spec.tmpfsOptions() != null) {
            throw mountConfig(MountPoint.BIND, "field TmpfsOptions must not be specified");
        }
        if (!source.startsWith("/")) {
            throw mountConfig(MountPoint.BIND, "invalid mount path: '" + source + "' mount path must be absolute");
        }
        boolean forceRecursive = options != null && options.readOnlyForceRecursive();
        if (options != null && options.readOnlyNonRecursive() && !spec.readOnly()) {
            throw new InvalidParameterException("option ReadOnlyNonRecursive requires ReadOnly");
        }
        if (forceRecursive) {
            if (!spec.readOnly()) {
                throw new InvalidParameterException("option ReadOnlyForceRecursive requires ReadOnly");
            }
            if (options.readOnlyNonRecursive()) {
                throw new InvalidParameterException("option ReadOnlyForceRecursive conflicts with ReadOnlyNonRecursive");
            }
            if (!propagation.equals(DEFAULT_PROPAGATION)) {
                throw new InvalidParameterException("option ReadOnlyForceRecursive requires propagation to be rprivate");
            }
        }
        boolean createMountpoint = options != null && options.createMountpoint();
        return new MountPoint(MountPoint.BIND, null, clean(source), target, null, "", !spec.readOnly(), propagation,
                false, options != null && options.nonRecursive(), forceRecursive, createMountpoint, null, null, null);
    }

    private static MountPoint volumeMount(MountSpec spec, String source, String target, String volumeDriver) {
        if (spec.bindOptions() != null) {
            throw mountConfig(MountPoint.VOLUME, "field BindOptions must not be specified");
        }
        if (spec.tmpfsOptions() != null) {
            throw mountConfig(MountPoint.VOLUME, "field TmpfsOptions must not be specified");
        }
        MountSpec.VolumeOptions options = spec.volumeOptions();
        boolean anonymous = source.isEmpty();
        if (options != null && options.subpath() != null && !options.subpath().isEmpty()) {
            throw new InvalidParameterException("Berth does not support HostConfig.Mounts.VolumeOptions.Subpath yet");
        }
        if (spec.readOnly() && anonymous) {
            throw mountConfig(MountPoint.VOLUME, "must not set ReadOnly mode when using anonymous volumes");
        }
        MountSpec.Driver driver = options == null ? null : options.driverConfig();
        String driverName = driver != null && driver.name() != null && !driver.name().isEmpty() ? driver.name()
                : emptyToNull(volumeDriver);
        // dockerd shows "z" as the mode of a --mount volume (moby daemon/volumes.go setBindModeIfNull).
        return new MountPoint(MountPoint.VOLUME, anonymous ? null : source, "", target, driverName, "z", !spec.readOnly(),
                "", options == null || !options.noCopy(), false, false, false, null,
                driver == null ? null : driver.options(), options == null ? null : options.labels());
    }

    /** One {@code HostConfig.Tmpfs} entry ({@code --tmpfs /path:options}). */
    public static MountPoint tmpfs(String destination, String options) {
        checkTarget(MountPoint.TMPFS, destination, false);
        String data = options == null ? "" : options;
        boolean readOnly = List.of(data.split(",")).contains("ro");
        return tmpfs(clean(destination), data, !readOnly);
    }

    private static MountPoint tmpfs(String destination, String data, boolean rw) {
        return new MountPoint(MountPoint.TMPFS, null, "", destination, null, "", rw, "", false, false, false, false,
                data, null, null);
    }

    /** An anonymous volume for a path in {@code Config.Volumes} or the image's {@code VOLUME}s, filled from the image. */
    public static MountPoint anonymous(String destination) {
        try {
            checkTarget(MountPoint.VOLUME, destination);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(invalidSpec(destination).getMessage() + ": " + e.getMessage(), e);
        }
        return new MountPoint(MountPoint.VOLUME, null, "", clean(destination), null, "", true, "", true, false, false,
                false, null, null, null);
    }

    /** One {@code HostConfig.VolumesFrom} entry: {@code container[:ro|rw]}; the container and whether it may write. */
    public static VolumesFrom volumesFrom(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidParameterException("volumes-from specification cannot be an empty string");
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            return new VolumesFrom(raw, true);
        }
        String mode = raw.substring(colon + 1);
        List<String> options = List.of(mode.split(","));
        // Propagation and copy modes are not taken here: the shared mount keeps its own (moby ParseVolumesFrom).
        if (!validMode(mode) || options.stream().anyMatch(o -> PROPAGATIONS.contains(o) || COPY_MODES.contains(o))) {
            throw new InvalidParameterException("invalid mode: " + mode);
        }
        return new VolumesFrom(raw.substring(0, colon), !options.contains("ro"));
    }

    /** A {@code --volumes-from} entry: whose mounts, and whether this container may write to them. */
    public record VolumesFrom(String container, boolean writable) {
    }

    /** Docker's data string of a {@code --mount type=tmpfs}: {@code ro}, {@code mode=<octal>}, {@code size=<n><unit>}. */
    static String tmpfsData(MountSpec.TmpfsOptions options, boolean readOnly) {
        List<String> data = new ArrayList<>();
        if (readOnly) {
            data.add("ro");
        }
        if (options != null && options.mode() != 0) {
            data.add("mode=" + Integer.toOctalString(options.mode()));
        }
        if (options != null && options.sizeBytes() != 0) {
            if (options.sizeBytes() < 0) {
                throw mountConfig(MountPoint.TMPFS, "invalid tmpfs size: " + options.sizeBytes());
            }
            data.add("size=" + size(options.sizeBytes()));
        }
        if (options != null && options.options() != null) {
            for (List<String> option : options.options()) {
                if (option == null || option.isEmpty() || option.size() > 2) {
                    throw mountConfig(MountPoint.TMPFS, "invalid option array length");
                }
                if (!TMPFS_FLAGS.contains(option.get(0))) {
                    throw mountConfig(MountPoint.TMPFS, "invalid option: " + option.get(0));
                }
                data.add(option.size() == 1 ? option.get(0) : option.get(0) + "=" + option.get(1));
            }
        }
        return String.join(",", data);
    }

    /** The largest unit that divides the size evenly, as dockerd writes it ({@code 64m}, {@code 1g}, {@code 1000}). */
    private static String size(long bytes) {
        for (Map.Entry<String, Long> unit : List.of(Map.entry("g", 1L << 30), Map.entry("m", 1L << 20), Map.entry("k", 1L << 10))) {
            if (bytes % unit.getValue() == 0) {
                return bytes / unit.getValue() + unit.getKey();
            }
        }
        return Long.toString(bytes);
    }

    /** moby's linuxValidMountMode: empty, or comma-separated words, at most one of each kind. */
    static boolean validMode(String mode) {
        if (mode.isEmpty()) {
            return true;
        }
        int rw = 0;
        int label = 0;
        int propagation = 0;
        int copy = 0;
        int consistency = 0;
        for (String option : mode.split(",", -1)) {
            if (RW_MODES.contains(option)) {
                rw++;
            } else if (LABEL_MODES.contains(option)) {
                label++;
            } else if (PROPAGATIONS.contains(option)) {
                propagation++;
            } else if (COPY_MODES.contains(option)) {
                copy++;
            } else if (CONSISTENCIES.contains(option)) {
                consistency++;
            } else {
                return false;
            }
        }
        return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
    }

    private static void checkTarget(String type, String target) {
        checkTarget(type, target, true);
    }

    private static void checkTarget(String type, String target, boolean asMountConfig) {
        String problem = null;
        if (!target.startsWith("/")) {
            problem = "invalid mount path: '" + target + "' mount path must be absolute";
        } else if (clean(target).equals("/")) {
            problem = "invalid specification: destination can't be '/'";
        }
        if (problem != null) {
            throw asMountConfig ? mountConfig(type, problem) : new InvalidParameterException(problem);
        }
    }

    /** Go's path.Clean for an absolute path: no {@code .}, {@code ..}, double or trailing slashes. */
    static String clean(String path) {
        return Path.of("/").resolve(path.startsWith("/") ? path.substring(1) : path).normalize().toString();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static InvalidParameterException invalidSpec(String raw) {
        return new InvalidParameterException("invalid volume specification: '" + raw + "'");
    }

    private static InvalidParameterException mountConfig(String type, String why) {
        return new InvalidParameterException("invalid mount config for type \"" + type + "\": " + why);
    }
}
