package io.berth.network.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.network.Ipam;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A network's IPAM configuration judged as moby's ValidateIPAM judges it, every problem in one answer. */
class IpamRulesTest {
    private static Ipam.Pool pool(String subnet, String range, String gateway, Map<String, String> aux) {
        return new Ipam.Pool(subnet, range, gateway, aux);
    }

    @Test
    void aConsistentPoolPasses() {
        assertThatCode(() -> IpamRules.validate(List.of(pool("10.1.0.0/16", "10.1.2.0/24", "10.1.0.254",
                Map.of("router", "10.1.0.2"))))).doesNotThrowAnyException();
    }

    @Test
    void listsEveryProblemInMobysWords() {
        assertThatThrownBy(() -> IpamRules.validate(List.of(pool("10.1.0.5/16", "10.2.0.0/24", "10.3.0.1",
                Map.of("x", "10.4.0.1")))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("""
                        invalid network config:
                        invalid subnet 10.1.0.5/16: it should be 10.1.0.0/16
                        invalid ip-range 10.2.0.0/24: parent subnet 10.1.0.5/16 doesn't contain ip-range
                        invalid gateway 10.3.0.1: parent subnet 10.1.0.5/16 doesn't contain this address
                        invalid auxiliary address x: parent subnet 10.1.0.5/16 doesn't contain this address""");
    }

    @Test
    void namesWhatIsNotAnAddressOrPrefix() {
        assertThatThrownBy(() -> IpamRules.validate(List.of(pool("nonsense", null, null, Map.of()))))
                .hasMessage("invalid network config:\ninvalid subnet nonsense: invalid CIDR block notation");
        assertThatThrownBy(() -> IpamRules.validate(List.of(pool("10.0.0.0/24", "10.0.0.0/16", "gw", Map.of()))))
                .hasMessage("""
                        invalid network config:
                        invalid ip-range 10.0.0.0/16: CIDR block is bigger than its parent subnet 10.0.0.0/24
                        invalid gateway gw: invalid address""");
    }
}
