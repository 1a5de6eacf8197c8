package io.berth.network.service;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.network.store.NetworkEntity;
import java.util.List;

/**
 * Picks the network a reference means, in moby's order: a full id, then an exact name, then a unique id prefix.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/api/server/router/network/network_routes.go">moby
 *      findUniqueNetwork</a>
 */
final class NetworkLookup {
    private NetworkLookup() {
    }

    /** One of the candidates, or 404 {@code network <term> not found}, or 400 when the term is ambiguous. */
    static NetworkEntity resolve(String term, List<NetworkEntity> candidates) {
        for (NetworkEntity network : candidates) {
            if (network.id.equals(term)) {
                return network;
            }
        }
        List<NetworkEntity> byName = candidates.stream().filter(n -> n.name.equals(term)).toList();
        if (byName.size() == 1) {
            return byName.get(0);
        }
        if (byName.size() > 1) {
            throw new InvalidParameterException("network " + term + " is ambiguous (" + byName.size() + " matches found based on name)");
        }
        List<NetworkEntity> byPrefix = candidates.stream().filter(n -> n.id.startsWith(term)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        if (byPrefix.size() > 1) {
            throw new InvalidParameterException("network " + term + " is ambiguous (" + byPrefix.size() + " matches found based on ID prefix)");
        }
        throw notFound(term);
    }

    // libnetwork's ErrNoSuchNetwork, which docker-py and compose read as NotFound.
    static NotFoundException notFound(String term) {
        return new NotFoundException("network " + term + " not found");
    }
}
