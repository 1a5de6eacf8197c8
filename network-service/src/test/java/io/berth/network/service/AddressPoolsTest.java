package io.berth.network.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.network.ip.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subnets chosen as dockerd chooses them from its default address pools. */
class AddressPoolsTest {
    private static final AddressPools DOCKERS = new AddressPools(List.of("172.17.0.0/16:16", "172.18.0.0/15:16",
            "172.20.0.0/14:16", "172.24.0.0/13:16", "192.168.0.0/16:20"));

    @Test
    void takesTheFirstFreeSubnetPoolByPool() {
        assertThat(DOCKERS.next(List.of())).hasToString("172.17.0.0/16");
        assertThat(DOCKERS.next(List.of(Cidr.parse("172.17.0.0/16")))).hasToString("172.18.0.0/16");
        assertThat(DOCKERS.next(List.of(Cidr.parse("172.17.0.0/16"), Cidr.parse("172.18.0.0/16")))).hasToString("172.19.0.0/16");
    }

    @Test
    void skipsEverySubnetThatOverlapsARouteOrANetwork() {
        // A /24 route inside 172.17.0.0/16 rules the whole /16 out; a wide route rules out every pool inside it.
        assertThat(DOCKERS.next(List.of(Cidr.parse("172.17.5.0/24")))).hasToString("172.18.0.0/16");
        assertThat(DOCKERS.next(List.of(Cidr.parse("172.16.0.0/12")))).hasToString("192.168.0.0/20");
    }

    @Test
    void smallerSubnetsFromOnePool() {
        AddressPools pools = new AddressPools(List.of("10.140.0.0/16:24"));

        assertThat(pools.next(List.of(Cidr.parse("10.140.0.0/24"), Cidr.parse("10.140.2.0/24")))).hasToString("10.140.1.0/24");
    }

    @Test
    void saysSoWhenEveryPoolIsUsedUp() {
        AddressPools pools = new AddressPools(List.of("10.140.0.0/23:24"));

        assertThatThrownBy(() -> pools.next(List.of(Cidr.parse("10.140.0.0/23"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("all predefined address pools have been fully subnetted");
    }

    @Test
    void refusesAPoolThatIsNotOne() {
        assertThatThrownBy(() -> new AddressPools(List.of("10.0.0.1/16:24"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressPools(List.of("10.0.0.0/16:8"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressPools(List.of("10.0.0.0/16"))).isInstanceOf(IllegalArgumentException.class);
    }
}
