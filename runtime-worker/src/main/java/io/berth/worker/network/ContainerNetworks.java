package io.berth.worker.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.kit.errors.ConflictException;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running container's network: its namespace, each of its endpoints set up through netavark, and the files under
 * {@code /etc} that name them. What is set up is kept in the container's directory ({@code network/<network id>.json},
 * netavark's own input, and {@code network/plan.json}), so a later teardown, by this worker after a restart or by
 * {@code ./berth down}, undoes exactly that.
 *
 * <p>A run's end tears its network down in the background, so its exit is reported at once; every setup first waits
 * for the teardowns in flight, so an address or host port network-service hands out again is free on the node when a
 * new endpoint takes it.
 */
@ApplicationScoped
public class ContainerNetworks {
    // System.Logger, not jboss-logging: the node's teardown runs this class from the worker's jars without Quarkus.
    private static final System.Logger LOG = System.getLogger(ContainerNetworks.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "plan.json";

    private final NodePaths paths;
    private final Netavark netavark;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("network-teardown").daemon().factory());
    private final Object pendingLock = new Object();
    private int pending;

    @Inject
    public ContainerNetworks(NodePaths paths) {
        this(paths, new Netavark(paths.root(), Netavark.BINARY, Netavark.AARDVARK));
    }

    public ContainerNetworks(NodePaths paths, Netavark netavark) {
        this.paths = paths;
        this.netavark = netavark;
    }

    /**
     * Before a run starts: a fresh namespace with every endpoint of {@code plan} set up, and the {@code /etc} files
     * written. A failure undoes what was set up and leaves no namespace.
     */
    public void setUp(String id, String name, String hostname, NetworkPlan plan) {
        awaitTeardowns();
        tearDown(id);
        Path netns = Namespaces.of(paths, id);
        Namespaces.create(netns);
        try {
            Files.createDirectories(dir(id));
            for (int i = 0; i < plan.attachments().size(); i++) {
                Attachment attachment = plan.attachments().get(i);
                setUpOne(id, name, attachment, "eth" + i, i == 0 ? plan.ports() : List.of(), plan.dns());
            }
            savePlan(id, plan);
            EtcFiles.write(paths.container(id), hostname, plan, false);
        } catch (IOException | RuntimeException e) {
            tearDown(id);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** A running container joins one more network, on the next free interface; 409 when it is on it already. */
    public void connect(String id, String name, Attachment attachment) {
        NetworkPlan plan = plan(id).orElseThrow(() -> new ConflictException("container " + id + " has no network namespace"
                + " of its own to connect"));
        if (Files.exists(optionsFile(id, attachment.network().id()))) {
            throw new ConflictException("container " + id + " is already connected to network " + attachment.network().name());
        }
        awaitTeardowns();
        setUpOne(id, name, attachment, nextInterface(id), List.of(), plan.dns());
        savePlan(id, plan.with(attachment));
    }

    /** A running container leaves one network; false when it was not on it. */
    public boolean disconnect(String id, String networkId) {
        Path options = optionsFile(id, networkId);
        if (!Files.exists(options)) {
            return false;
        }
        tearDownOne(Namespaces.of(paths, id), options);
        plan(id).ifPresent(plan -> savePlan(id, plan.without(networkId)));
        return true;
    }

    /** Whether the container's run has a network of its own set up. */
    public boolean isSetUp(String id) {
        return Files.exists(Namespaces.of(paths, id)) || Files.isDirectory(dir(id));
    }

    /** Undoes everything of the container's network: each endpoint, then the namespace. Idempotent. */
    public void tearDown(String id) {
        Path netns = Namespaces.of(paths, id);
        for (Path options : optionsFiles(id)) {
            tearDownOne(netns, options);
        }
        Files2.deleteTree(dir(id));
        Namespaces.delete(netns);
    }

    /** {@link #tearDown} on the background thread: a run's end, reported without waiting for it. */
    public void tearDownLater(String id) {
        if (!isSetUp(id)) {
            return;
        }
        synchronized (pendingLock) {
            pending++;
        }
        background.execute(() -> {
            try {
                tearDown(id);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "tearing down the network of {0}: {1}", id, e.getMessage());
            } finally {
                synchronized (pendingLock) {
                    pending--;
                    pendingLock.notifyAll();
                }
            }
        });
    }

    /** Waits until no teardown is in flight. */
    public void awaitTeardowns() {
        synchronized (pendingLock) {
            while (pending > 0) {
                try {
                    pendingLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void setUpOne(String id, String name, Attachment attachment, String interfaceName, List<PortMapping> ports,
            List<String> dns) {
        ObjectNode options = NetavarkOptions.of(id, name, attachment, interfaceName, ports, dns);
        Path file = optionsFile(id, attachment.network().id());
        try {
            Files.createDirectories(file.getParent());
            Files2.writeAtomically(file, JSON.writeValueAsBytes(options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            netavark.setup(Namespaces.of(paths, id), file);
        } catch (RuntimeException e) {
            Files2.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * netavark's teardown with what its setup was given. When that fails half way (an interface already gone),
     * netavark keeps the network's rules; setting the endpoint up again in a throwaway namespace and tearing that down
     * removes them, by netavark's own hand.
     */
    private void tearDownOne(Path netns, Path options) {
        try {
            if (Files.exists(netns)) {
                netavark.teardown(netns, options);
                Files2.deleteIfExists(options);
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "netavark teardown of {0} failed ({1}); tearing it down again from a fresh"
                    + " namespace", options, e.getMessage());
        }
        Path spare = paths.root().resolve("netns").resolve("spare-" + options.getFileName().toString().replace(".json", ""));
        try {
            Namespaces.create(spare);
            netavark.setup(spare, options);
            netavark.teardown(spare, options);
        } finally {
            Namespaces.delete(spare);
        }
        Files2.deleteIfExists(options);
    }

    private String nextInterface(String id) {
        List<String> used = new ArrayList<>();
        for (Path options : optionsFiles(id)) {
            try {
                JSON.readTree(options.toFile()).path("networks").forEach(n -> used.add(n.path("interface_name").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (int i = 0; ; i++) {
            if (!used.contains("eth" + i)) {
                return "eth" + i;
            }
        }
    }

    private Optional<NetworkPlan> plan(String id) {
        Path file = dir(id).resolve(PLAN);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), NetworkPlan.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void savePlan(String id, NetworkPlan plan) {
        try {
            Files2.writeAtomically(dir(id).resolve(PLAN), JSON.writeValueAsBytes(plan));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> optionsFiles(String id) {
        if (!Files.isDirectory(dir(id))) {
            return List.of();
        }
        try (var files = Files.list(dir(id))) {
            return files.filter(f -> !f.getFileName().toString().equals(PLAN) && f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path optionsFile(String id, String networkId) {
        return dir(id).resolve(networkId + ".json");
    }

    private Path dir(String id) {
        return paths.container(id).resolve("network");
    }
}
