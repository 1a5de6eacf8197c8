package io.berth.network.service;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.network.Ipam;
import io.berth.network.ip.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a network's IPAM configuration before anything is made, as moby's {@code ValidateIPAM}: every problem of
 * every pool is listed in one 400, in moby's words.
 *
 * @see <a href="https://github.com/moby/moby/blob/v27.5.1/api/types/network/ipam.go">moby ValidateIPAM</a>
 */
final class IpamRules {
    private IpamRules() {
    }

    static void validate(List<Ipam.Pool> pools) {
        List<String> errors = new ArrayList<>();
        for (Ipam.Pool pool : pools) {
            Cidr subnet;
            try {
                subnet = Cidr.parse(pool.subnet());
            } catch (IllegalArgumentException e) {
                errors.add("invalid subnet " + pool.subnet() + ": invalid CIDR block notation");
                continue;
            }
            if (!subnet.isMasked()) {
                errors.add("invalid subnet " + subnet + ": it should be " + subnet.masked());
            }
            errors.addAll(ipRangeErrors(pool.ipRange(), subnet));
            String gateway = addressError(pool.gateway(), subnet);
            if (gateway != null) {
                errors.add("invalid gateway " + pool.gateway() + ": " + gateway);
            }
            for (Map.Entry<String, String> aux : pool.auxAddresses().entrySet()) {
                String error = addressError(aux.getValue(), subnet);
                if (error != null) {
                    errors.add("invalid auxiliary address " + aux.getKey() + ": " + error);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidParameterException("invalid network config:\n" + String.join("\n", errors));
        }
    }

    private static List<String> ipRangeErrors(String ipRange, Cidr subnet) {
        if (ipRange == null || ipRange.isEmpty()) {
            return List.of();
        }
        Cidr range;
        try {
            range = Cidr.parse(ipRange);
        } catch (IllegalArgumentException e) {
            return List.of("invalid ip-range " + ipRange + ": invalid CIDR block notation");
        }
        if (range.isIpv6() != subnet.isIpv6()) {
            return List.of("invalid ip-range " + ipRange + ": parent subnet is an " + family(subnet) + " block");
        }
        List<String> errors = new ArrayList<>();
        if (range.bits() < subnet.bits()) {
            errors.add("invalid ip-range " + ipRange + ": CIDR block is bigger than its parent subnet " + subnet);
        }
        if (!range.isMasked()) {
            errors.add("invalid ip-range " + range + ": it should be " + range.masked());
        }
        if (!subnet.overlaps(range)) {
            errors.add("invalid ip-range " + ipRange + ": parent subnet " + subnet + " doesn't contain ip-range");
        }
        return errors;
    }

    /** Why an address does not fit its subnet, or null when it does (or none was given). */
    private static String addressError(String address, Cidr subnet) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        Cidr.IpAddress parsed;
        try {
            parsed = Cidr.IpAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return "invalid address";
        }
        if (parsed.isIpv6() != subnet.isIpv6()) {
            return "parent subnet is an " + family(subnet) + " block";
        }
        if (!subnet.contains(parsed)) {
            return "parent subnet " + subnet + " doesn't contain this address";
        }
        return null;
    }

    private static String family(Cidr subnet) {
        return subnet.isIpv6() ? "IPv6" : "IPv4";
    }
}
