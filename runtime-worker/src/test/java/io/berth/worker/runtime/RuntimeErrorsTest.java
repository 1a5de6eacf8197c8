package io.berth.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeErrorsTest {
    @Test
    void keepsRuncsWordsFromItsLog() {
        String log = "time=\"2026-11-22T23:02:18Z\" level=warning msg=\"ignored\"\n"
                + "time=\"2026-11-22T23:02:18Z\" level=error msg=\"runc create failed: unable to start container"
                + " process: exec: \\\"nosuch\\\": executable file not found in $PATH\"\n";
        String message = RuntimeErrors.message(log, "");
        assertThat(message).isEqualTo("runc create failed: unable to start container process: exec: \"nosuch\":"
                + " executable file not found in $PATH");
        assertThat(RuntimeErrors.isExecFailure(message)).isTrue();
    }

    @Test
    void addsWhatConmonSaidAndIgnoresBlankOutput() {
        assertThat(RuntimeErrors.message("", "[conmon:e]: Failed to create container: exit status 1\n"))
                .isEqualTo("[conmon:e]: Failed to create container: exit status 1");
        assertThat(RuntimeErrors.message("", "")).isEmpty();
        assertThat(RuntimeErrors.isExecFailure("cgroups in hybrid mode not supported")).isFalse();
    }
}
