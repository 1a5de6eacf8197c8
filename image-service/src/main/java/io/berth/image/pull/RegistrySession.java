package io.berth.image.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.NotFoundException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocking calls to one repository of one registry, answering its authentication challenges as the Docker client
 * does: it first asks {@code GET /v2/} (trying each endpoint in turn until one answers), then authorises every call
 * as the challenge said: Basic with the user's password, or a Bearer token from the challenge's realm for the
 * repository's scope (with the password, the identity token as a refresh token, or anonymously). Failures carry
 * dockerd's words (moby distribution/errors.go): a registry error is {@code <code in lower case>: <message>}.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker token authentication</a>
 */
public final class RegistrySession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANDSHAKE = Duration.ofSeconds(10);
    private static final int MAX_TAG_LIST = 16 * 1024 * 1024;
    /** Per registry, the base URL that answered last (HTTPS or, for an insecure one, HTTP). */
    private static final java.util.Map<String, URI> WORKED = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<RegistryEndpoints.Endpoint> endpoints;
    private final String repository;
    private final String actions;
    private final RegistryCredentials credentials;
    private final Duration timeout;
    private RegistryEndpoints.Endpoint endpoint;
    private AuthChallenge challenge;
    private String authorization;

    /**
     * A session for {@code repository} (its path on the registry, e.g. {@code library/busybox}) asking for
     * {@code actions} ({@code pull} or {@code pull,push}).
     */
    public RegistrySession(List<RegistryEndpoints.Endpoint> endpoints, String repository, String actions,
            RegistryCredentials credentials, Duration timeout) {
        this.endpoints = endpoints;
        this.repository = repository;
        this.actions = actions;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** An answer: its status, headers and body (close it). */
    public record Answer(int status, HttpResponse<InputStream> response) implements AutoCloseable {
        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public InputStream body() {
            return response.body();
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // Nothing more to read from it either way.
            }
        }
    }

    /**
     * Finds the endpoint that answers {@code /v2/} and what authentication it asks for. The one that answered last
     * time is tried first; one that has a fallback after it gets 10 s, Go's TLS handshake timeout, since a plain HTTP
     * server may never answer a TLS hello.
     */
    public void open() {
        RuntimeException last = null;
        List<RegistryEndpoints.Endpoint> ordered = new java.util.ArrayList<>(endpoints);
        URI preferred = WORKED.get(endpoints.getFirst().base().getAuthority());
        ordered.sort(java.util.Comparator.comparing(candidate -> !candidate.base().equals(preferred)));
        for (RegistryEndpoints.Endpoint candidate : ordered) {
            URI ping = candidate.resolve("/v2/");
            HttpRequest.Builder request = HttpRequest.newBuilder(ping).GET();
            boolean fallback = candidate != ordered.getLast();
            try (Answer answer = send(candidate, request, null, fallback ? HANDSHAKE : timeout)) {
                if (answer.status() == 401) {
                    challenge = AuthChallenge.parse(answer.header("WWW-Authenticate").orElse(null)).orElse(null);
                } else if (answer.status() / 100 != 2) {
                    // A 404 on /v2/ is a server that is not a registry (a mirror may still be one: try the next).
                    last = new InternalException("Get \"" + ping + "\": the server answered " + answer.status()
                            + ", not as a registry's /v2/");
                    continue;
                }
                endpoint = candidate;
                WORKED.put(endpoints.getFirst().base().getAuthority(), candidate.base());
                return;
            } catch (IOException e) {
                last = new InternalException("Get \"" + ping + "\": " + describe(e, ping));
            }
        }
        throw last != null ? last : new InternalException("no way to reach the registry");
    }

    /**
     * Checks the credentials as {@code docker login} does (moby registry/auth.go): {@code /v2/} with Basic, or a token
     * from the realm asked for offline use; the identity (refresh) token the realm gives, else empty. A refusal is
     * dockerd's {@code login attempt to <url> failed with status: 401 Unauthorized}.
     */
    public String login() {
        open();
        if (challenge == null) {
            return "";
        }
        URI ping = endpoint.resolve("/v2/");
        if (!challenge.isBearer()) {
            try (Answer answer = send(endpoint, HttpRequest.newBuilder(ping).GET(), credentials.hasPassword() ? credentials.basic() : null)) {
                if (answer.status() == 401) {
                    throw new InternalException("login attempt to " + ping + " failed with status: 401 Unauthorized");
                }
                return "";
            } catch (IOException e) {
                throw new InternalException("Get \"" + ping + "\": " + describe(e, ping));
            }
        }
        try {
            JsonNode token = tokenAnswer(null, true);
            return token.path("refresh_token").asText("");
        } catch (IOException e) {
            throw new InternalException("Get \"" + ping + "\": " + describe(e, ping));
        }
    }

    /**
     * Every tag of the repository, as {@code docker pull --all-tags} wants them: {@code tags/list}, following the
     * registry's {@code Link} pages. 404 with the registry's words when it does not know the repository.
     */
    public List<String> tags() {
        List<String> all = new ArrayList<>();
        String next = "tags/list";
        for (int page = 0; next != null && page < 1000; page++) {
            try (Answer answer = send("GET", next, Map.of("Accept", "application/json"), HttpRequest.BodyPublishers.noBody())) {
                if (answer.status() == 404) {
                    throw new NotFoundException(errorOf(answer, "repository " + repository + " not found"));
                }
                if (answer.status() != 200) {
                    throw failure(answer, "the tags of " + repository);
                }
                JsonNode list = JSON.readTree(answer.body().readNBytes(MAX_TAG_LIST));
                list.path("tags").forEach(tag -> all.add(tag.asText()));
                next = answer.header("Link").map(RegistrySession::nextPage).orElse(null);
            } catch (IOException e) {
                throw new InternalException("the tag list of " + repository + " is not JSON: " + e.getMessage());
            }
        }
        return all;
    }

    /** The target of a {@code Link: <url>; rel="next"} header. */
    static String nextPage(String link) {
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        return open < 0 || close < 0 || !link.substring(close).contains("rel=\"next\"") ? null : link.substring(open + 1, close);
    }

    /** {@code GET} of a path under {@code /v2/<repository>/}, authorised; a 401 after authorising is a failure. */
    public Answer get(String path, String accept) {
        URI url = endpoint.resolve("/v2/" + repository + "/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            Answer answer = send(endpoint, request, authorization(url));
            // A blob may live elsewhere (a storage back end): follow without the registry's credentials.
            for (int hops = 0; hops < 5 && answer.status() / 100 == 3 && answer.header("Location").isPresent(); hops++) {
                URI next = url.resolve(answer.header("Location").get());
                answer.close();
                String sameHost = next.getAuthority().equals(url.getAuthority()) ? authorization : null;
                answer = send(endpoint, HttpRequest.newBuilder(next).GET(), sameHost);
            }
            if (answer.status() == 401) {
                String error = errorOf(answer, "unauthorized: authentication required");
                throw new InternalException(error);
            }
            return answer;
        } catch (IOException e) {
            throw new InternalException("Get \"" + url + "\": " + describe(e, url));
        }
    }

    /**
     * Any authorised call: {@code target} is a path under {@code /v2/<repository>/} or a URL the registry gave (an
     * upload's {@code Location}, absolute or not). A 401 after authorising is a failure.
     */
    public Answer send(String method, String target, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        URI url = target.startsWith("/") || target.contains("://") ? endpoint.resolve(target)
                : endpoint.resolve("/v2/" + repository + "/" + target);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).method(method, body);
        headers.forEach(request::header);
        try {
            Answer answer = send(endpoint, request, authorization(url));
            if (answer.status() == 401) {
                throw new InternalException(errorOf(answer, "unauthorized: authentication required"));
            }
            return answer;
        } catch (IOException e) {
            throw new InternalException(method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT) + " \""
                    + url + "\": " + describe(e, url));
        }
    }

    /**
     * The registry's error in an answer, in dockerd's words; {@code fallback} when the body says nothing. As
     * distribution's client, only a 4xx answer's body is read: a 5xx is "received unexpected HTTP status".
     */
    public static String errorOf(Answer answer, String fallback) {
        if (answer.status() >= 500) {
            answer.close();
            return "received unexpected HTTP status: " + answer.status() + " "
                    + HttpResponseStatus.valueOf(answer.status()).reasonPhrase();
        }
        try (answer) {
            byte[] body = answer.body().readNBytes(64 * 1024);
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                String code = first.path("code").asText("").toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                return code + ": " + first.path("message").asText("");
            }
        } catch (IOException e) {
            // Not the registry's JSON: the fallback says what happened.
        }
        return fallback;
    }

    /**
     * A 404 from the registry as dockerd words it for a manifest ({@code what} not found, or the registry's words alone
     * when {@code what} is null), or another failure with the registry's words.
     */
    public static RuntimeException failure(Answer answer, String what) {
        String error = errorOf(answer, "the registry answered " + answer.status());
        if (answer.status() == 404) {
            return new NotFoundException(what == null ? error : what + " not found: " + error);
        }
        return new InternalException(error);
    }

    private String authorization(URI url) throws IOException {
        if (authorization != null || challenge == null) {
            return authorization;
        }
        if (!challenge.isBearer()) {
            if (!credentials.hasPassword()) {
                throw new InternalException("Get \"" + url + "\": no basic auth credentials");
            }
            authorization = credentials.basic();
            return authorization;
        }
        if (credentials.registryToken() != null) {
            authorization = "Bearer " + credentials.registryToken();
            return authorization;
        }
        authorization = "Bearer " + token();
        return authorization;
    }

    /** A token from the challenge's realm for this repository's scope. */
    private String token() throws IOException {
        JsonNode token = tokenAnswer("repository:" + repository + ":" + actions, false);
        String value = token.path("token").asText(token.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw new InternalException("the token server answered no token");
        }
        return value;
    }

    /**
     * The realm's answer (the token spec's GET with Basic, or the OAuth2 refresh-token POST when there is an identity
     * token); {@code scope} may be null, {@code offline} asks for a refresh token as {@code docker login} does.
     */
    private JsonNode tokenAnswer(String scope, boolean offline) throws IOException {
        String realm = challenge.parameter("realm").orElseThrow(() ->
                new InternalException("the registry asks for a Bearer token but names no realm to get one from"));
        StringBuilder query = new StringBuilder();
        challenge.parameter("service").ifPresent(service -> query.append("service=").append(encode(service)).append('&'));
        if (scope != null) {
            query.append("scope=").append(encode(scope)).append('&');
        }
        query.append("client_id=docker");
        if (offline) {
            query.append("&offline_token=true");
        }
        HttpRequest.Builder request;
        if (credentials.identityToken() != null) {
            String form = query + "&grant_type=refresh_token&refresh_token=" + encode(credentials.identityToken());
            request = HttpRequest.newBuilder(URI.create(realm)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query)).GET();
        }
        String basic = credentials.identityToken() == null && credentials.hasPassword() ? credentials.basic() : null;
        try (Answer answer = send(endpoint, request, basic)) {
            if (answer.status() / 100 != 2) {
                throw new InternalException("Get \"" + realm + "\": " + errorOf(answer, answer.status() == 401
                        ? "unauthorized: incorrect username or password" : "the token server answered " + answer.status()));
            }
            return JSON.readTree(answer.body().readNBytes(1 << 20));
        }
    }

    private Answer send(RegistryEndpoints.Endpoint to, HttpRequest.Builder request, String authorizationValue) throws IOException {
        return send(to, request, authorizationValue, timeout);
    }

    private Answer send(RegistryEndpoints.Endpoint to, HttpRequest.Builder request, String authorizationValue, Duration wait)
            throws IOException {
        request.timeout(wait).header("User-Agent", "berth (docker/20.10 compatible)");
        to.headers().forEach(request::header);
        if (authorizationValue != null) {
            request.header("Authorization", authorizationValue);
        }
        try {
            HttpResponse<InputStream> response = to.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Answer(response.statusCode(), response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An I/O failure in Go's style (what dockerd prints): what failed, not the Java class. */
    static String describe(IOException e) {
        return describe(e, null);
    }

    static String describe(IOException e, URI url) {
        String host = url == null ? "" : url.getHost();
        String address = url == null ? "" : " " + host + ":" + (url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
                return "dial tcp: lookup " + host + ": no such host";
            }
        }
        if (e instanceof java.net.ConnectException) {
            return "dial tcp" + address + ": connect: connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "the registry did not answer in time (" + e.getMessage() + ")";
        }
        if (e instanceof javax.net.ssl.SSLException ssl) {
            return "x509: " + certificateProblem(ssl, host);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Go's words for the usual TLS failures (what the user knows from Docker), the JDK's for the rest. */
    private static String certificateProblem(javax.net.ssl.SSLException e, String host) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.security.cert.CertificateExpiredException
                    || cause instanceof java.security.cert.CertificateNotYetValidException) {
                return "certificate has expired or is not yet valid";
            }
            if (cause instanceof java.security.cert.CertPathBuilderException
                    || cause instanceof java.security.cert.CertPathValidatorException) {
                return "certificate signed by unknown authority";
            }
            if (cause instanceof java.security.cert.CertificateException && String.valueOf(cause.getMessage())
                    .startsWith("No subject alternative")) {
                return "certificate is not valid for " + host;
            }
        }
        return e.getMessage();
    }
}
