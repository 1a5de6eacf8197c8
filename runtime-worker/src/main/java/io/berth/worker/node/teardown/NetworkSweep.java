package io.berth.worker.node.teardown;

import io.berth.worker.NodePaths;
import io.berth.worker.network.ContainerNetworks;
import io.berth.worker.network.Namespaces;
import io.berth.worker.network.Netavark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a node's containers left of their networks, taken down with this state root and nothing else: each container's
 * endpoints torn down by netavark as they were set up (veth pairs, addresses, the rules of its networks and ports; a
 * bridge goes with its last endpoint), the namespaces bound under {@code <root>/netns}, and this root's aardvark-dns.
 * Another platform's bridges, rules, namespaces and aardvark-dns are never touched: every one of these is found from
 * this root's own files.
 */
final class NetworkSweep {
    private final NodePaths paths;
    private final Netavark netavark;
    private final ContainerNetworks networks;
    private final Consumer<String> say;

    NetworkSweep(NodePaths paths, Consumer<String> say) {
        this.paths = paths;
        this.netavark = new Netavark(paths.root(), Netavark.BINARY, Netavark.AARDVARK);
        this.networks = new ContainerNetworks(paths, netavark);
        this.say = say;
    }

    /** True when nothing of the root's networks is left. */
    boolean remove(List<String> containers) {
        boolean clean = true;
        for (String id : containers) {
            if (!networks.isSetUp(id)) {
                continue;
            }
            try {
                networks.tearDown(id);
                say.accept("took down the network of container " + id);
            } catch (RuntimeException e) {
                say.accept("cannot take down the network of container " + id + ": " + e.getMessage());
                clean = false;
            }
        }
        for (Path left : Namespaces.all(paths)) {
            try {
                Namespaces.delete(left);
                say.accept("deleted network namespace " + left);
            } catch (RuntimeException e) {
                say.accept("cannot delete network namespace " + left + ": " + e.getMessage());
                clean = false;
            }
        }
        return stopAardvark() && clean;
    }

    /**
     * aardvark-dns leaves by itself once its last network is gone; one that stays (a network netavark could not take
     * down) is stopped here, found by the pid file in this root's netavark directory.
     */
    private boolean stopAardvark() {
        Optional<ProcessHandle> aardvark = pid(netavark.aardvarkPidFile()).flatMap(ProcessHandle::of)
                .filter(p -> p.info().commandLine().orElse("").contains(netavark.configDir().toString()));
        if (aardvark.isEmpty()) {
            return true;
        }
        aardvark.get().destroy();
        try {
            aardvark.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            aardvark.get().destroyForcibly();
        }
        say.accept("stopped aardvark-dns " + aardvark.get().pid());
        return true;
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
