package io.berth.container.api.logs;

import java.time.Instant;

/** One message as Docker shows it: a whole line (ending in a newline) or the unterminated rest of a stream. */
record LogMessage(Instant time, int stream, byte[] payload) {
}
