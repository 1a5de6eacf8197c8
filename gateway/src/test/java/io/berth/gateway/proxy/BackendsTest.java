package io.berth.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.gateway.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routing table of docs/internal-api.md. */
class BackendsTest {
    private static final Backends BACKENDS = new Backends(new GatewayConfig() {
        @Override
        public GatewayConfig.Backends backends() {
            return new GatewayConfig.Backends() {
                @Override
                public URI containers() {
                    return URI.create("http://127.0.0.1:8081");
                }

                @Override
                public URI images() {
                    return URI.create("http://127.0.0.1:8082");
                }

                @Override
                public URI volumes() {
                    return URI.create("http://127.0.0.1:8083");
                }

                @Override
                public URI networks() {
                    return URI.create("http://127.0.0.1:8084");
                }
            };
        }

        @Override
        public GatewayConfig.Edge edge() {
            throw new UnsupportedOperationException("routing reads no edge limits");
        }

        @Override
        public List<String> eventTopics() {
            return List.of();
        }

        @Override
        public Duration infoTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public String rootDir() {
            return "/var/lib/berth";
        }

        @Override
        public GatewayConfig.Registry registry() {
            return null;
        }

        @Override
        public String gitCommit() {
            return "x";
        }
    });

    @Test
    void routesByFirstSegmentAsTheContractSays() {
        assertThat(BACKENDS.owner("/containers/json")).get().extracting(Backends.Backend::port).isEqualTo(8081);
        assertThat(BACKENDS.owner("/exec/abc/start")).get().extracting(Backends.Backend::name).isEqualTo("container-service");
        assertThat(BACKENDS.owner("/images/create")).get().extracting(Backends.Backend::port).isEqualTo(8082);
        assertThat(BACKENDS.owner("/build")).get().extracting(Backends.Backend::port).isEqualTo(8082);
        assertThat(BACKENDS.owner("/auth")).get().extracting(Backends.Backend::name).isEqualTo("image-service");
        assertThat(BACKENDS.owner("/distribution/127.0.0.1:5000/team/app:1/json")).get().extracting(Backends.Backend::name)
                .isEqualTo("image-service");
        assertThat(BACKENDS.registry().port()).as("the registry port's /v2").isEqualTo(8082);
        assertThat(BACKENDS.owner("/volumes")).get().extracting(Backends.Backend::name).isEqualTo("volume-service");
        assertThat(BACKENDS.owner("/networks/create")).get().extracting(Backends.Backend::port).isEqualTo(8084);
    }

    @Test
    void connectAndDisconnectChangeAContainerSoContainerServiceAnswersThem() {
        assertThat(BACKENDS.owner("/networks/app/connect")).get().extracting(Backends.Backend::port).isEqualTo(8081);
        assertThat(BACKENDS.owner("/networks/app/disconnect")).get().extracting(Backends.Backend::port).isEqualTo(8081);
        assertThat(BACKENDS.owner("/networks/connect")).get().extracting(Backends.Backend::port).isEqualTo(8084);
        assertThat(BACKENDS.owner("/networks/app")).get().extracting(Backends.Backend::port).isEqualTo(8084);
    }

    @Test
    void anythingElseHasNoOwner() {
        assertThat(BACKENDS.owner("/")).isEmpty();
        assertThat(BACKENDS.owner("/containersx")).isEmpty();
        assertThat(BACKENDS.owner("/plugins")).isEmpty();
        assertThat(BACKENDS.owner("/v2/busybox/blobs/sha256:x")).as("the registry is not on the Docker API port").isEmpty();
    }
}
