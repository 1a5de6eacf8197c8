package io.berth.network.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.kit.tenant.TenantId;
import io.berth.network.Ipam;
import io.berth.network.ip.Cidr;
import io.berth.network.store.NetworkEntity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredefinedNetworksTest {
    private static final Cidr SUBNET = Cidr.parse("172.17.0.0/16");

    @Test
    void makesDockersThreeNetworksForTheTenant() {
        List<NetworkEntity> rows = PredefinedNetworks.forTenant(TenantId.of("acme"), SUBNET);

        assertThat(rows).extracting(n -> n.name).containsExactly("bridge", "host", "none");
        assertThat(rows).extracting(n -> n.driver).containsExactly("bridge", "host", "null");
        assertThat(rows).allSatisfy(n -> {
            assertThat(n.tenant).isEqualTo("acme");
            assertThat(n.scope).isEqualTo("local");
            assertThat(n.id).matches("[0-9a-f]{64}");
        });
        assertThat(rows).extracting(n -> n.id).doesNotHaveDuplicates();
    }

    @Test
    void theBridgeHasItsSubnetDockersOptionsAndABridgeOfItsOwn() {
        NetworkEntity bridge = PredefinedNetworks.forTenant(TenantId.of("acme"), Cidr.parse("10.3.0.0/24")).get(0);

        assertThat(bridge.ipam.driver()).isEqualTo("default");
        assertThat(bridge.ipam.pools()).containsExactly(new Ipam.Pool("10.3.0.0/24", null, "10.3.0.1", Map.of()));
        assertThat(bridge.bridge).isEqualTo("br-" + bridge.id.substring(0, 12));
        assertThat(bridge.options).containsEntry("com.docker.network.bridge.default_bridge", "true")
                .containsEntry("com.docker.network.bridge.name", bridge.bridge);
        assertThat(bridge.enableIpv4).isTrue();
    }

    @Test
    void everyCallDrawsFreshIds() {
        assertThat(PredefinedNetworks.forTenant(TenantId.of("a"), SUBNET).get(0).id)
                .isNotEqualTo(PredefinedNetworks.forTenant(TenantId.of("a"), SUBNET).get(0).id);
    }

    @Test
    void knowsThePredefinedNames() {
        assertThat(PredefinedNetworks.isPredefined("bridge")).isTrue();
        assertThat(PredefinedNetworks.isPredefined("none")).isTrue();
        assertThat(PredefinedNetworks.isPredefined("proj_default")).isFalse();
    }
}
