package io.berth.network.ip;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 prefix as written in CIDR notation ({@code 172.18.0.0/16}), as Go's {@code netip.Prefix} reads it:
 * the address may have host bits set ({@link #isMasked()} tells), and the prefix length must fit the family.
 */
public record Cidr(IpAddress address, int bits) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

    public Cidr {
        if (bits < 0 || bits > address.width()) {
            throw new IllegalArgumentException("prefix length " + bits + " does not fit " + address);
        }
    }

    /** Parses {@code <address>/<length>}; an {@link IllegalArgumentException} for anything else. */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no CIDR");
        }
        int slash = text.indexOf('/');
        if (slash < 0 || !DIGITS.matcher(text.substring(slash + 1)).matches()) {
            throw new IllegalArgumentException("not CIDR notation: " + text);
        }
        IpAddress address = IpAddress.parse(text.substring(0, slash));
        return new Cidr(address, Integer.parseInt(text.substring(slash + 1)));
    }

    /** The prefix with its host bits cleared: {@code 10.1.2.3/24} gives {@code 10.1.2.0/24}. */
    public Cidr masked() {
        return new Cidr(address.withValue(address.value().and(mask())), bits);
    }

    public boolean isMasked() {
        return equals(masked());
    }

    public boolean isIpv6() {
        return address.isIpv6();
    }

    public boolean contains(IpAddress other) {
        return other.isIpv6() == isIpv6() && other.value().and(mask()).equals(address.value().and(mask()));
    }

    /** Whether the two share an address (one contains the other's first address, the shorter prefix decides). */
    public boolean overlaps(Cidr other) {
        if (other.isIpv6() != isIpv6()) {
            return false;
        }
        Cidr wider = bits <= other.bits ? this : other;
        Cidr narrower = wider == this ? other : this;
        return wider.contains(narrower.address);
    }

    /** The first address of the prefix (the network address). */
    public IpAddress first() {
        return masked().address;
    }

    /** The last address of the prefix (the broadcast address in IPv4). */
    public IpAddress last() {
        return address.withValue(first().value().or(mask().not().and(allOnes())));
    }

    /** How many addresses the prefix holds. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(address.width() - bits);
    }

    private BigInteger mask() {
        return allOnes().shiftRight(bits).not().and(allOnes());
    }

    private BigInteger allOnes() {
        return BigInteger.ONE.shiftLeft(address.width()).subtract(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return address + "/" + bits;
    }

    /** An IPv4 or IPv6 address, kept as a number so that prefixes can be compared and walked. */
    public record IpAddress(BigInteger value, boolean isIpv6) {
        /** Parses a literal address (never a host name); an {@link IllegalArgumentException} otherwise. */
        public static IpAddress parse(String text) {
            if (text == null || text.isEmpty() || !(text.contains(":") || isDottedQuad(text))) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            try {
                // A literal never makes InetAddress look a name up.
                byte[] bytes = InetAddress.getByName(text).getAddress();
                return new IpAddress(new BigInteger(1, bytes), bytes.length == 16);
            } catch (UnknownHostException | SecurityException e) {
                throw new IllegalArgumentException("not an IP address: " + text, e);
            }
        }

        private static boolean isDottedQuad(String text) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (!DIGITS.matcher(part).matches() || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }

        int width() {
            return isIpv6 ? 128 : 32;
        }

        IpAddress withValue(BigInteger changed) {
            return new IpAddress(changed, isIpv6);
        }

        /** The address {@code n} places further on (n may be negative). */
        public IpAddress plus(long n) {
            return withValue(value.add(BigInteger.valueOf(n)));
        }

        /** The address's bytes, 4 or 16 of them. */
        public byte[] bytes() {
            byte[] raw = value.toByteArray();
            byte[] bytes = new byte[width() / 8];
            int copy = Math.min(raw.length, bytes.length);
            System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
            return bytes;
        }

        @Override
        public String toString() {
            try {
                String text = InetAddress.getByAddress(bytes()).getHostAddress();
                return isIpv6 ? compressed(text) : text;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Java writes {@code 0:0:0:0:0:0:0:1}; Go and Docker write {@code ::1}. */
        private static String compressed(String full) {
            String[] groups = full.split(":");
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < groups.length; i++) {
                int length = 0;
                while (i + length < groups.length && groups[i + length].equals("0")) {
                    length++;
                }
                if (length > bestLength) {
                    bestStart = i;
                    bestLength = length;
                }
            }
            if (bestStart < 0) {
                return full;
            }
            String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
            String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
            return head + "::" + tail;
        }
    }
}
