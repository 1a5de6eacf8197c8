package io.berth.network.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** CIDR prefixes as Go's netip reads them: host bits, containment, overlap, first and last address. */
class CidrTest {
    @Test
    void parsesAndMasks() {
        Cidr cidr = Cidr.parse("10.1.2.3/24");

        assertThat(cidr.isMasked()).isFalse();
        assertThat(cidr.masked()).hasToString("10.1.2.0/24");
        assertThat(cidr.first()).hasToString("10.1.2.0");
        assertThat(cidr.last()).hasToString("10.1.2.255");
        assertThat(cidr.size()).hasToString("256");
        assertThat(Cidr.parse("172.17.0.0/16").first().plus(1)).hasToString("172.17.0.1");
    }

    @Test
    void containsAndOverlaps() {
        Cidr wide = Cidr.parse("172.16.0.0/12");

        assertThat(wide.contains(Cidr.IpAddress.parse("172.31.255.255"))).isTrue();
        assertThat(wide.contains(Cidr.IpAddress.parse("172.32.0.0"))).isFalse();
        assertThat(wide.overlaps(Cidr.parse("172.18.0.0/16"))).isTrue();
        assertThat(Cidr.parse("172.18.0.0/16").overlaps(wide)).isTrue();
        assertThat(Cidr.parse("10.0.0.0/24").overlaps(Cidr.parse("10.0.1.0/24"))).isFalse();
        assertThat(wide.overlaps(Cidr.parse("fd00::/64"))).isFalse();
    }

    @Test
    void readsIpv6AndWritesItAsGoDoes() {
        Cidr cidr = Cidr.parse("fd00:0:0:0::1/64");

        assertThat(cidr.isIpv6()).isTrue();
        assertThat(cidr.masked()).hasToString("fd00::/64");
        assertThat(Cidr.IpAddress.parse("::1")).hasToString("::1");
    }

    @Test
    void refusesWhatIsNoPrefix() {
        assertThatThrownBy(() -> Cidr.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("300.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.IpAddress.parse("1.2.3")).isInstanceOf(IllegalArgumentException.class);
    }
}
