package io.berth.network.service;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.network.config.NetworkServiceConfig;
import io.berth.network.ip.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The address pools networks without a subnet of their own are given one from, as dockerd's
 * {@code default-address-pools}: the first subnet, pool by pool, that overlaps neither another network on the node
 * (of any tenant: they share the node's routing table) nor a route the node already has.
 *
 * @see <a href="https://docs.docker.com/reference/cli/dockerd/#default-address-pools">dockerd default-address-pools</a>
 */
@ApplicationScoped
public class AddressPools {
    private final List<Pool> pools;

    @Inject
    AddressPools(NetworkServiceConfig config) {
        this(config.addressPools());
    }

    AddressPools(List<String> pools) {
        this.pools = pools.stream().map(Pool::parse).toList();
    }

    /** The first free subnet; 400 in libnetwork's words when every pool is used up. */
    Cidr next(Collection<Cidr> taken) {
        for (Pool pool : pools) {
            Optional<Cidr> free = pool.firstFree(taken);
            if (free.isPresent()) {
                return free.get();
            }
        }
        throw new InvalidParameterException("all predefined address pools have been fully subnetted");
    }

    /** One pool: a base prefix cut into subnets of {@code size} bits. */
    record Pool(Cidr base, int size) {
        static Pool parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("address pool " + text + " is not <base CIDR>:<prefix length>");
            }
            Cidr base = Cidr.parse(text.substring(0, colon).trim());
            int size = Integer.parseInt(text.substring(colon + 1).trim());
            if (!base.isMasked() || base.isIpv6() || size < base.bits() || size > 30) {
                throw new IllegalArgumentException("address pool " + text + " must be an IPv4 base with its host bits"
                        + " clear and a subnet size from its own length to 30");
            }
            return new Pool(base, size);
        }

        Optional<Cidr> firstFree(Collection<Cidr> taken) {
            BigInteger step = BigInteger.ONE.shiftLeft(32 - size);
            List<Cidr> inBase = new ArrayList<>(taken.stream().filter(base::overlaps).toList());
            for (BigInteger at = base.first().value(); at.compareTo(base.last().value()) <= 0; at = at.add(step)) {
                Cidr candidate = new Cidr(new Cidr.IpAddress(at, false), size);
                if (inBase.stream().noneMatch(candidate::overlaps)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
    }
}
