package io.berth.volume.service;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.volume.LocalDriver;
import io.berth.volume.store.VolumeEntity;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which unused volumes {@code POST /volumes/prune} removes, as dockerd decides: anonymous ones only unless
 * {@code all=true} (API 1.42; older clients meant every unused volume), those with every {@code label} filter, and not
 * those with every {@code label!} filter.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/volume/service/service.go">moby VolumesService.Prune</a>
 */
public final class PruneFilter implements Predicate<VolumeEntity> {
    private static final Set<String> ACCEPTED = Set.of("label", "label!", "all");

    private final DockerFilters filters;
    private final boolean all;

    private PruneFilter(DockerFilters filters, boolean all) {
        this.filters = filters;
        this.all = all;
    }

    /**
     * Validates the keys and {@code all}; {@code allByDefault} is true for clients older than API 1.42, to which a
     * prune meant every unused volume.
     */
    public static PruneFilter of(DockerFilters filters, boolean allByDefault) {
        filters.allowOnly(ACCEPTED);
        return new PruneFilter(filters, all(filters, allByDefault));
    }

    // moby's Args.GetBoolOrDefault: only 1/true and 0/false.
    private static boolean all(DockerFilters filters, boolean byDefault) {
        if (!filters.has("all")) {
            return byDefault;
        }
        Set<String> values = filters.get("all");
        boolean yes = values.contains("1") || values.contains("true");
        boolean no = values.contains("0") || values.contains("false");
        if (yes == no) {
            throw new InvalidParameterException("invalid filter 'all=" + String.join(",", values) + "'");
        }
        return yes;
    }

    @Override
    public boolean test(VolumeEntity volume) {
        return (all || volume.labels.containsKey(LocalDriver.ANONYMOUS_LABEL))
                && filters.matchesLabels(volume.labels)
                && !(filters.has("label!") && filters.matchesLabels("label!", volume.labels));
    }
}
