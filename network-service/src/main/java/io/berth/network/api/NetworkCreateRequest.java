package io.berth.network.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.network.Ipam;
import io.berth.network.NetworkSpec;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /networks/create}, Docker's {@code NetworkCreateRequest}. {@code CheckDuplicate} is read
 * and ignored: a name is always unique within a tenant, as in dockerd since API 1.44.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Network/operation/NetworkCreate">NetworkCreate</a>
 */
public record NetworkCreateRequest(
        @JsonProperty("Name") String name,
        @JsonProperty("CheckDuplicate") Boolean checkDuplicate,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("Attachable") boolean attachable,
        @JsonProperty("Ingress") boolean ingress,
        @JsonProperty("ConfigOnly") boolean configOnly,
        @JsonProperty("ConfigFrom") Network.ConfigReference configFrom,
        @JsonProperty("IPAM") Network.IPAM ipam,
        @JsonProperty("EnableIPv4") Boolean enableIpv4,
        @JsonProperty("EnableIPv6") Boolean enableIpv6,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels) {

    /** Berth's terms for the request; what Berth cannot do is refused here, naming it (ARCHITECTURE rule 9). */
    NetworkSpec toSpec() {
        if (scope != null && !scope.isEmpty() && !scope.equals("local")) {
            throw new ForbiddenException("cannot create a swarm scoped network when swarm is not active");
        }
        if (ingress) {
            throw new InvalidParameterException("Berth does not support ingress networks: it has no swarm");
        }
        if (configOnly || (configFrom != null && configFrom.network() != null && !configFrom.network().isEmpty())) {
            throw new InvalidParameterException("Berth does not support config-only networks yet");
        }
        if (Boolean.FALSE.equals(enableIpv4)) {
            throw new InvalidParameterException("Berth does not support networks without IPv4 yet");
        }
        if (Boolean.TRUE.equals(enableIpv6)) {
            throw new InvalidParameterException("Berth does not support IPv6 networks yet");
        }
        String ipamDriver = ipam == null || ipam.driver() == null || ipam.driver().isEmpty() ? Ipam.DEFAULT_DRIVER : ipam.driver();
        if (!ipamDriver.equals(Ipam.DEFAULT_DRIVER)) {
            throw new io.berth.kit.errors.NotFoundException("plugin \"" + ipamDriver + "\" not found");
        }
        if (ipam != null && ipam.options() != null && !ipam.options().isEmpty()) {
            throw new InvalidParameterException("Berth does not support IPAM options yet");
        }
        List<Ipam.Pool> pools = ipam == null || ipam.config() == null ? List.of() : ipam.config().stream()
                .map(c -> new Ipam.Pool(c.subnet(), blankToNull(c.ipRange()), blankToNull(c.gateway()), c.auxiliaryAddresses()))
                .toList();
        return new NetworkSpec(name, driver == null || driver.isEmpty() ? "bridge" : driver, internal, attachable,
                new Ipam(Ipam.DEFAULT_DRIVER, Map.of(), pools), options, labels);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
