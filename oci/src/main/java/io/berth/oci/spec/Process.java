package io.berth.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The container's process: terminal, user, arguments, environment, working directory, capabilities and rlimits.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#process">OCI config, process</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
        Capabilities capabilities, List<Rlimit> rlimits) {

    public Process {
        args = Lists.copy(args);
        env = Lists.copy(env);
        rlimits = Lists.copy(rlimits);
    }

    /** No terminal and nothing else set. */
    public static Process empty() {
        return new Process(false, null, null, null, null, null, null);
    }

    public Process withTerminal(boolean changed) {
        return new Process(changed, user, args, env, cwd, capabilities, rlimits);
    }

    public Process withUser(User changed) {
        return new Process(terminal, changed, args, env, cwd, capabilities, rlimits);
    }

    public Process withArgs(List<String> changed) {
        return new Process(terminal, user, changed, env, cwd, capabilities, rlimits);
    }

    public Process withEnv(List<String> changed) {
        return new Process(terminal, user, args, changed, cwd, capabilities, rlimits);
    }

    public Process withCwd(String changed) {
        return new Process(terminal, user, args, env, changed, capabilities, rlimits);
    }

    public Process withCapabilities(Capabilities changed) {
        return new Process(terminal, user, args, env, cwd, changed, rlimits);
    }

    public Process withRlimits(List<Rlimit> changed) {
        return new Process(terminal, user, args, env, cwd, capabilities, changed);
    }
}
