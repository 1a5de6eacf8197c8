package io.berth.network.endpoints;

import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.UnavailableException;
import io.berth.network.Ipam;
import io.berth.network.ip.Cidr;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out a network's IPv4 addresses as libnetwork's default IPAM does: a fixed address anywhere in the subnet, else
 * the lowest free one of the ip-range (the whole subnet without one), never the subnet's own or broadcast address,
 * the gateway or an auxiliary address. Errors in libnetwork's words.
 */
public final class Addresses {
    private final Cidr subnet;
    private final Cidr range;
    private final Set<Cidr.IpAddress> reserved = new HashSet<>();

    private Addresses(Ipam.Pool pool) {
        this.subnet = Cidr.parse(pool.subnet());
        this.range = pool.ipRange() == null ? subnet : Cidr.parse(pool.ipRange());
        reserved.add(subnet.first());
        reserved.add(subnet.last());
        if (pool.gateway() != null) {
            reserved.add(Cidr.IpAddress.parse(pool.gateway()));
        }
        pool.auxAddresses().values().forEach(aux -> reserved.add(Cidr.IpAddress.parse(aux)));
    }

    /** The addresses of a network's (one) IPv4 pool. */
    public static Addresses of(Ipam ipam) {
        if (ipam.pools().isEmpty()) {
            throw new InvalidParameterException("the network has no subnet to give an address from");
        }
        return new Addresses(ipam.pools().get(0));
    }

    public int prefixLength() {
        return subnet.bits();
    }

    /** Whether the address lies in the subnet (create-time check of a fixed address). */
    public boolean contains(String ipv4) {
        return subnet.contains(Cidr.IpAddress.parse(ipv4));
    }

    /** The fixed address if it is free, else the lowest free one; {@code taken} are the network's addresses in use. */
    public String allocate(String requested, Set<String> taken) {
        if (requested != null) {
            Cidr.IpAddress address = Cidr.IpAddress.parse(requested);
            if (!subnet.contains(address)) {
                throw new InvalidParameterException("invalid address " + requested
                        + ": It does not belong to any of this network's subnets");
            }
            if (reserved.contains(address) || taken.contains(address.toString())) {
                throw new ForbiddenException("Address already in use");
            }
            return address.toString();
        }
        for (Cidr.IpAddress at = range.first(); range.contains(at); at = at.plus(1)) {
            if (!reserved.contains(at) && !taken.contains(at.toString())) {
                return at.toString();
            }
        }
        throw new UnavailableException("no available addresses on this pool");
    }

    /** dockerd's MAC for an address: 02:42 and the address's four bytes, so it needs no allocation of its own. */
    public static String macOf(String ipv4) {
        byte[] bytes = Cidr.IpAddress.parse(ipv4).bytes();
        return String.format("02:42:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2], bytes[3]);
    }
}
