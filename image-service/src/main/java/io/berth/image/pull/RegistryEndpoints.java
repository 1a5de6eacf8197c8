package io.berth.image.pull;

import io.berth.image.ImageReference;
import io.berth.image.config.ImageServiceConfig;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where a registry is reached and how, as dockerd decides it (moby registry/service_v2.go): Docker Hub through the
 * configured mirrors first, then {@code registry-1.docker.io}; any registry over HTTPS, trusting the CA in
 * {@code certs.d/<host:port>/ca.crt} when there is one; an insecure registry (loopback, or listed) over HTTPS without
 * checking its certificate, then plain HTTP.
 */
@ApplicationScoped
public class RegistryEndpoints {
    static final String DOCKER_HUB = "https://registry-1.docker.io";

    /**
     * One way to a registry: its base URL, the client that speaks to it, and headers every request carries; a mirror
     * only serves pulls.
     */
    public record Endpoint(URI base, HttpClient client, boolean mirror, Map<String, String> headers) {
        Endpoint(URI base, HttpClient client, boolean mirror) {
            this(base, client, mirror, Map.of());
        }

        /** The URL of a path under {@code /v2/}. */
        URI resolve(String path) {
            return base.resolve(path);
        }
    }

    private final ImageServiceConfig.Registries config;
    private final int ownPort;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    RegistryEndpoints(ImageServiceConfig config) {
        this.config = config.registries();
        this.ownPort = config.registryPort();
    }

    /** Whether a reference's domain ({@code host:port}) is Berth's own registry (the gateway's registry port). */
    public boolean isOwn(String domain) {
        String port = ":" + ownPort;
        return domain.equals("127.0.0.1" + port) || domain.equals("localhost" + port) || domain.equals("[::1]" + port);
    }

    /**
     * The way to the tenant's own repositories of Berth's registry: this service's {@code /v2/} on loopback, as the
     * tenant. The registry port would answer an anonymous client as tenant {@code default}.
     */
    public Endpoint own(TenantId tenant) {
        String port = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        // Read when used: a port chosen at start-up (0 in tests) is known only then.
        int http = ConfigProvider.getConfig().getValue(port, Integer.class);
        return new Endpoint(URI.create("http://127.0.0.1:" + http + "/"), client("berth-own-registry", true), false,
                Map.of(InternalHeaders.TENANT, tenant.value()));
    }

    /** The ways to the registry {@code domain} names, in the order to try them. */
    public List<Endpoint> of(String domain, boolean forPush) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (domain.equals(ImageReference.DEFAULT_DOMAIN)) {
            if (!forPush) {
                for (String mirror : config.mirrors().orElse(List.of())) {
                    URI base = URI.create(mirror.endsWith("/") ? mirror : mirror + "/");
                    String host = base.getAuthority();
                    endpoints.add(new Endpoint(base, client(host, isInsecure(host) || base.getScheme().equals("http")), true));
                }
            }
            endpoints.add(new Endpoint(URI.create(DOCKER_HUB + "/"), client("docker.io", false), false));
            return endpoints;
        }
        boolean insecure = isInsecure(domain);
        endpoints.add(new Endpoint(URI.create("https://" + domain + "/"), client(domain, insecure), false));
        if (insecure) {
            endpoints.add(new Endpoint(URI.create("http://" + domain + "/"), client(domain, true), false));
        }
        return endpoints;
    }

    /** The registry host names Docker Hub's mirrors are reached at, for {@code /info}. */
    public List<String> mirrors() {
        return config.mirrors().orElse(List.of());
    }

    /** Loopback registries are insecure by default (moby registry/config.go), and those configured so. */
    boolean isInsecure(String domain) {
        List<String> listed = config.insecure().orElse(List.of());
        String host = hostOf(domain);
        if (listed.contains(domain) || listed.contains(host)) {
            return true;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            return domain.substring(0, domain.indexOf(']') + 1);
        }
        int colon = domain.lastIndexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }

    private HttpClient client(String domain, boolean insecure) {
        Path ca = config.certsDir().resolve(domain).resolve("ca.crt");
        boolean hasCa = Files.isRegularFile(ca);
        String key = insecure ? "insecure" : hasCa ? "ca:" + domain : "system";
        return clients.computeIfAbsent(key, ignored -> {
            HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newVirtualThreadPerTaskExecutor());
            if (insecure) {
                builder.sslContext(context(new TrustManager[] {new TrustingAnything()}));
            } else if (hasCa) {
                builder.sslContext(context(trusting(ca)));
            }
            return builder.build();
        });
    }

    private static SSLContext context(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context", e);
        }
    }

    /** The JDK's trust store plus the registry's own CA, as Docker adds certs.d CAs to the system pool. */
    private static TrustManager[] trusting(Path ca) {
        try (InputStream pem = Files.newInputStream(ca)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            for (TrustManager manager : system.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + n++, issuer);
                    }
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ca, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ca + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** An insecure registry's certificate is not checked (Docker's InsecureSkipVerify), host name included. */
    private static final class TrustingAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
