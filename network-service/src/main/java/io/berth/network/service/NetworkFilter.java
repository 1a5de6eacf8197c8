package io.berth.network.service;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.network.store.NetworkEntity;
import java.util.Set;

/**
 * The filters of {@code GET /networks}, with moby's meaning: {@code name} and {@code id} exact or a regular
 * expression found in the value, {@code driver} and {@code scope} exact, {@code label} as {@code key} or
 * {@code key=value}, {@code type} {@code builtin} or {@code custom} (either may match), {@code dangling} one strict
 * boolean.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/daemon/network/filter.go">moby FilterNetworks</a>
 */
public final class NetworkFilter {
    private static final Set<String> ACCEPTED = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");
    private static final Set<String> TYPES = Set.of("builtin", "custom");

    private final DockerFilters filters;
    /** null when the filter does not ask; else true for unused custom networks only, false for the rest. */
    private final Boolean dangling;

    private NetworkFilter(DockerFilters filters, Boolean dangling) {
        this.filters = filters;
        this.dangling = dangling;
    }

    /** Validates keys and values up front; 400 in dockerd's words for anything it would refuse. */
    public static NetworkFilter of(DockerFilters filters) {
        filters.allowOnly(ACCEPTED);
        for (String type : filters.get("type")) {
            if (!TYPES.contains(type)) {
                throw new InvalidParameterException("invalid filter: 'type'='" + type + "'");
            }
        }
        return new NetworkFilter(filters, dangling(filters));
    }

    private static Boolean dangling(DockerFilters filters) {
        Set<String> values = filters.get("dangling");
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidParameterException("got more than one value for filter key \"dangling\"");
        }
        return switch (values.iterator().next()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new InvalidParameterException(
                    "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")");
        };
    }

    /** Whether the answer depends on the networks' endpoints (only {@code dangling} does). */
    boolean needsEndpoints() {
        return dangling != null;
    }

    /** Whether the network passes; {@code hasEndpoints} says whether a running container is attached to it. */
    public boolean test(NetworkEntity network, boolean hasEndpoints) {
        boolean builtin = PredefinedNetworks.isPredefined(network.name);
        return filters.exactMatch("driver", network.driver)
                && filters.match("name", network.name)
                && filters.match("id", network.id)
                && filters.matchesLabels(network.labels)
                && filters.exactMatch("scope", network.scope)
                && (!filters.has("type") || filters.get("type").contains(builtin ? "builtin" : "custom"))
                // moby: dangling means user-made and without endpoints.
                && (dangling == null || dangling == (!builtin && !hasEndpoints));
    }
}
