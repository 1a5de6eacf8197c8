package io.berth.volume.service;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.volume.store.VolumeEntity;
import java.util.Set;

/**
 * The filters of {@code GET /volumes}, with moby's meaning: {@code name} exact or a regular expression found in the
 * name, {@code driver} exact, {@code label} as {@code key} or {@code key=value}, {@code dangling} a strict boolean.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/volume/service/convert.go">moby filtersToBy</a>
 */
public final class VolumeFilter {
    private static final Set<String> ACCEPTED = Set.of("driver", "label", "name", "dangling");

    private final DockerFilters filters;
    /** null when the filter does not ask; else true for unused volumes only, false for used ones only. */
    private final Boolean dangling;

    private VolumeFilter(DockerFilters filters, Boolean dangling) {
        this.filters = filters;
        this.dangling = dangling;
    }

    /** Validates the keys and the {@code dangling} value; 400 {@code invalid filter ...} as dockerd words it. */
    public static VolumeFilter of(DockerFilters filters) {
        filters.allowOnly(ACCEPTED);
        return new VolumeFilter(filters, dangling(filters));
    }

    // moby's Args.GetBoolOrDefault: only 1/true and 0/false, and not both at once.
    private static Boolean dangling(DockerFilters filters) {
        if (!filters.has("dangling")) {
            return null;
        }
        Set<String> values = filters.get("dangling");
        boolean yes = values.contains("1") || values.contains("true");
        boolean no = values.contains("0") || values.contains("false");
        if (yes == no) {
            throw new InvalidParameterException("invalid filter 'dangling=" + String.join(",", values) + "'");
        }
        return yes;
    }

    /** Whether the volume passes; {@code inUse} when a container uses it (a dangling volume is one no container uses). */
    public boolean test(VolumeEntity volume, boolean inUse) {
        return filters.match("name", volume.name)
                && filters.exactMatch("driver", volume.driver)
                && filters.matchesLabels(volume.labels)
                && (dangling == null || dangling != inUse);
    }
}
