package io.berth.worker.node.teardown;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testkit.KafkaResource;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.worker.TestContainers;
import io.berth.worker.TestNetworks;
import io.berth.worker.TinyRegistry;
import io.berth.worker.exits.ExitReporter;
import io.berth.worker.node.MountTable;
import io.berth.worker.runtime.BundleSpec;
import io.berth.worker.runtime.CgroupLayout;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.MetaStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./berth down} after the worker stopped: the teardown runs from the worker's built jars in a JVM of its own,
 * exactly as the launcher starts it, and leaves no process, mount, cgroup or runtime state of the state root; the
 * container's data stays, so the next worker reports the run and can delete the container.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class NodeTeardownIT {
    /** Where {@code mvn verify} has just packaged the worker: the launcher's class path is these two globs. */
    private static final Path BUILT = Path.of("target", "quarkus-app");

    @Inject
    ExitReporter reporter;
    @Inject
    MetaStore metas;

    /** What one teardown run said and how it ended. */
    record Run(int exitCode, List<String> lines, String errors) {
    }

    @Test
    void removesARunningContainersProcessesMountCgroupAndRuntimeStateThenFindsNothing() throws Exception {
        NodePaths paths = new NodePaths(TestContainers.STATE_ROOT);
        String id = TestContainers.newId();
        // The worker is down, as ./berth down has it when the teardown runs: nobody reports the exit meanwhile.
        reporter.stop();
        try {
            TestContainers.create(id, "sleep", "300");
            TestContainers.start(id, 1);
            ContainerDir dir = metas.dir(id);
            long conmon = dir.readPid(dir.conmonPidFile());
            long init = metas.load(id).orElseThrow().pid();
            assertThat(ContainerDir.isAlive(conmon)).as("conmon").isTrue();
            assertThat(ContainerDir.isAlive(init)).as("the container's init").isTrue();
            assertThat(MountTable.current().isMountPoint(dir.merged())).isTrue();
            assertThat(containerCgroups(id)).isNotEmpty();
            assertThat(paths.runtimeState().resolve(id)).isDirectory();

            Run first = teardown(TestContainers.STATE_ROOT);

            assertThat(first.exitCode()).as("exit code; said %s %s", first.lines(), first.errors()).isZero();
            assertThat(first.errors()).isEmpty();
            assertThat(first.lines()).anyMatch(line -> line.matches("removed container " + id + " \\((runc|crun)\\)"))
                    .contains("unmounted " + dir.merged());
            assertThat(ContainerDir.isAlive(conmon)).as("conmon").isFalse();
            assertThat(ContainerDir.isAlive(init)).as("the container's init").isFalse();
            assertThat(new LeftoverProcesses(paths.root(), line -> { }).find()).isEmpty();
            assertThat(MountTable.current().under(paths.root())).isEmpty();
            assertThat(containerCgroups(id)).isEmpty();
            assertThat(paths.runtimeState().resolve(id)).doesNotExist();
            // The data stays: the container directory (bundle, log, meta) and conmon's exit file, written before
            // conmon went because the teardown gave it the moment it needs.
            assertThat(dir.log()).exists();
            assertThat(dir.meta()).exists();
            assertThat(Files.readString(paths.exitFile(id)).trim()).isEqualTo("137");

            Run second = teardown(TestContainers.STATE_ROOT);

            assertThat(second).isEqualTo(new Run(0, List.of(), ""));
            // The next worker finds a container that ran and ended.
            reporter.start();
            assertThat(TestContainers.awaitExit(id)).isEqualTo(137);
        } finally {
            reporter.start();
            TestContainers.delete(id);
        }
        assertThat(TestContainers.leftovers(id)).isEmpty();
    }

    @Test
    void takesDownAContainersNetworkAndOnlyThisStateRootsOwn() throws Exception {
        TestNetworks.Net net = TestNetworks.Net.fresh();
        String id = TestContainers.newId();
        reporter.stop();
        try {
            TestNetworks.createManaged(id, "sleep", "300");
            TestNetworks.start(id, 1, List.of(net.attachment(2, true, "svc")), List.of());
            assertThat(TestNetworks.node("ip", "-4", "addr", "show", net.bridge())).contains(net.gateway());
            assertThat(TestNetworks.namespace(id)).exists();
            assertThat(aardvark()).as("aardvark-dns of this state root").isPresent();

            Run run = teardown(TestContainers.STATE_ROOT);

            assertThat(run.exitCode()).as("exit code; said %s %s", run.lines(), run.errors()).isZero();
            assertThat(run.lines()).contains("took down the network of container " + id);
            assertThat(TestNetworks.node("ip", "link", "show", net.bridge())).contains("does not exist");
            assertThat(TestNetworks.node("iptables-save")).doesNotContain(net.subnet());
            assertThat(TestNetworks.namespace(id)).doesNotExist();
            assertThat(aardvark()).as("aardvark-dns of this state root").isEmpty();
            assertThat(teardown(TestContainers.STATE_ROOT)).isEqualTo(new Run(0, List.of(), ""));
        } finally {
            reporter.start();
            TestContainers.delete(id);
        }
    }

    /** This state root's aardvark-dns, if one runs: its command line names the root's netavark directory. */
    private static java.util.Optional<ProcessHandle> aardvark() {
        String config = TestContainers.STATE_ROOT.resolve("netavark").toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("aardvark-dns")
                && p.info().commandLine().orElse("").contains(config)).findFirst();
    }

    @Test
    void killsWhatTheRuntimeForgotAndUnmountsWhatNoContainerExplains() throws Exception {
        NodePaths paths = new NodePaths(TestContainers.STATE_ROOT);
        String id = TestContainers.newId();
        Path stray = paths.container(id).resolve("merged");
        Files.createDirectories(stray);
        List<Path> cgroups = new ArrayList<>();
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        try {
            assertThat(exec("mount", "-t", "tmpfs", "tmpfs", stray.toString())).isZero();
            assertThat(exec("mount", "-t", "tmpfs", "tmpfs", stray.toString())).as("a second one on top").isZero();
            // A process in the container's cgroup that no runtime state names, as a runtime that lost its state leaves.
            int joined = 0;
            for (Path hierarchy : CgroupLayout.host().mountPoints()) {
                Path cgroup = hierarchy.resolve(BundleSpec.CGROUP_PARENT).resolve(id);
                Files.createDirectories(cgroup);
                cgroups.add(cgroup);
                try {
                    Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(sleeper.pid()));
                    joined++;
                } catch (IOException refused) {
                    // a v1 cpuset cgroup takes no task before its cpus and mems are set; the others do
                }
            }
            assertThat(joined).isPositive();

            Run run = teardown(TestContainers.STATE_ROOT);

            assertThat(run.exitCode()).as("exit code; said %s %s", run.lines(), run.errors()).isZero();
            assertThat(run.lines()).contains("unmounted " + stray)
                    .anyMatch(line -> line.startsWith("killed process " + sleeper.pid() + " left in cgroup "))
                    .containsAll(cgroups.stream().map(cgroup -> "removed cgroup " + cgroup).toList());
            assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(MountTable.current().under(paths.root())).isEmpty();
            assertThat(cgroups).noneMatch(Files::exists);
            assertThat(stray).as("the container's directory is data and stays").isDirectory();
            assertThat(teardown(TestContainers.STATE_ROOT)).isEqualTo(new Run(0, List.of(), ""));
        } finally {
            sleeper.destroyForcibly();
            for (int i = 0; i < 3 && MountTable.current().isMountPoint(stray); i++) {
                exec("umount", "-l", stray.toString());
            }
            for (Path cgroup : cgroups) {
                Files.deleteIfExists(cgroup);
            }
            Files2.deleteTree(paths.container(id));
        }
    }

    @Test
    void aStateRootThatNeverRanOrIsMissingIsNothingToDo() throws Exception {
        Path fresh = Files.createTempDirectory("rw-fresh");
        try {
            assertThat(teardown(fresh)).isEqualTo(new Run(0, List.of(), ""));
            assertThat(teardown(fresh.resolve("missing"))).isEqualTo(new Run(0, List.of(), ""));
        } finally {
            Files.delete(fresh);
        }
        assertThat(teardown(null).exitCode()).isEqualTo(NodeTeardown.USAGE);
    }

    /** Runs the teardown as ./berth down does: the worker's packaged jars, plain java, no Quarkus. */
    private static Run teardown(Path stateRoot) throws IOException, InterruptedException {
        assertThat(BUILT.resolve("app")).as("the packaged worker; run this IT through mvn verify").isDirectory();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", BUILT.resolve("app") + "/*:" + BUILT.resolve("lib/main") + "/*", NodeTeardown.class.getName()));
        if (stateRoot != null) {
            command.add(stateRoot.toString());
        }
        Path errors = Files.createTempFile("teardown", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("teardown finished").isTrue();
            return new Run(process.exitValue(), out.lines().toList(), Files.readString(errors));
        } finally {
            Files.delete(errors);
        }
    }

    private static List<Path> containerCgroups(String id) {
        return CgroupLayout.host().mountPoints().stream()
                .map(hierarchy -> hierarchy.resolve(BundleSpec.CGROUP_PARENT).resolve(id)).filter(Files::exists).toList();
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
