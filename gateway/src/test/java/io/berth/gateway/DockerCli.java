package io.berth.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI against the gateway on 127.0.0.1, with a throw-away config directory. */
final class DockerCli {
    static final Path DOCKER = Path.of("/usr/local/bin/docker");

    private DockerCli() {
    }

    static boolean present() {
        return Files.isExecutable(DOCKER);
    }

    static Result run(int port, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(DOCKER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DOCKER_CONTEXT");
        builder.environment().remove("DOCKER_API_VERSION");
        builder.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + port);
        builder.environment().put("DOCKER_CONFIG", Files.createTempDirectory("docker-config").toString());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("docker", ".out");
        Path err = Files.createTempFile("docker", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(Path.of("/dev/null").toFile());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " hung; stderr: " + read(err));
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** What a CLI run left behind. */
    record Result(int exit, String out, String err) {
    }
}
