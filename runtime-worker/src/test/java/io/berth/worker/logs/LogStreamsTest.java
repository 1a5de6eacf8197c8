package io.berth.worker.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamsTest {
    private static final String LOG = """
            2026-11-22T23:02:40.026343342+00:00 stdout F hello
            2026-11-22T23:02:40.026343342+00:00 stdout P part
            2026-11-22T23:02:40.026468430+00:00 stderr F err
            2026-11-22T23:02:41.227089824+00:00 stdout F ial
            2026-11-22T23:02:42.000000000+00:00 stdout F 
            2026-11-22T23:02:43.500000000+00:00 stderr P no newline
            """;

    @TempDir
    Path dir;

    record Frame(int stream, String text) {
    }

    static List<Frame> frames(byte[] bytes) {
        List<Frame> frames = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.remaining() >= 8) {
            int stream = buffer.get();
            assertThat(new byte[] {buffer.get(), buffer.get(), buffer.get()}).containsOnly(0);
            byte[] payload = new byte[buffer.getInt()];
            buffer.get(payload);
            frames.add(new Frame(stream, new String(payload, StandardCharsets.UTF_8)));
        }
        assertThat(buffer.remaining()).isZero();
        return frames;
    }

    private List<Frame> logs(Map<String, String> params) throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, LOG);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogStreams.logs(log, LogQuery.parse(params::get), () -> false, frame -> {
            out.writeBytes(frame);
            return true;
        });
        return frames(out.toByteArray());
    }

    @Test
    void rejoinsPartialLinesIntoDockerFrames() throws Exception {
        assertThat(logs(Map.of("stdout", "1", "stderr", "1"))).containsExactly(
                new Frame(1, "hello\n"), new Frame(2, "err\n"), new Frame(1, "partial\n"), new Frame(1, "\n"),
                new Frame(2, "no newline"));
    }

    @Test
    void filtersStreams() throws Exception {
        assertThat(logs(Map.of("stderr", "true"))).containsExactly(new Frame(2, "err\n"), new Frame(2, "no newline"));
    }

    @Test
    void tailCountsMessagesOfBothStreams() throws Exception {
        assertThat(logs(Map.of("stdout", "1", "stderr", "1", "tail", "2")))
                .containsExactly(new Frame(1, "\n"), new Frame(2, "no newline"));
        assertThat(logs(Map.of("stdout", "1", "tail", "0"))).isEmpty();
        assertThat(logs(Map.of("stdout", "1", "tail", "all"))).hasSize(3);
    }

    @Test
    void prefixesTimestampsWithNineFractionDigits() throws Exception {
        assertThat(logs(Map.of("stdout", "1", "timestamps", "1", "tail", "2")).getFirst())
                .isEqualTo(new Frame(1, "2026-11-22T23:02:42.000000000Z \n"));
    }

    @Test
    void sinceAndUntilAreUnixSecondsWithFraction() throws Exception {
        long at = Instant.parse("2026-11-22T23:02:41Z").getEpochSecond();
        assertThat(logs(Map.of("stdout", "1", "stderr", "1", "since", at + ".5", "until", String.valueOf(at + 2))))
                .containsExactly(new Frame(1, "\n"));
        // A partial line is stamped with the time of its first part.
        assertThat(logs(Map.of("stdout", "1", "until", String.valueOf(at)))).containsExactly(
                new Frame(1, "hello\n"), new Frame(1, "partial\n"));
    }

    @Test
    void followEndsWhenNotRunningAndAllIsRead() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, "2026-11-22T23:02:40.000000001+00:00 stdout F one\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] polls = {0};
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(250);
                Files.writeString(log, "2026-11-22T23:02:41.000000001+00:00 stdout F two\n",
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        LogStreams.logs(log, LogQuery.parse(Map.of("stdout", "1", "follow", "1")::get), () -> polls[0]++ < 6,
                frame -> {
                    out.writeBytes(frame);
                    return true;
                });
        writer.join();
        assertThat(frames(out.toByteArray())).containsExactly(new Frame(1, "one\n"), new Frame(1, "two\n"));
    }

    @Test
    void attachStartsAtItsOffsetAndEndsWhenTheRunEnds() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, "2026-11-22T23:02:40.000000001+00:00 stdout F before\n");
        long offset = LogStreams.endOffset(log);
        Files.writeString(log, "2026-11-22T23:02:41.000000001+00:00 stdout F after\n"
                + "2026-11-22T23:02:41.000000002+00:00 stderr F oops\n", java.nio.file.StandardOpenOption.APPEND);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogStreams.attach(log, offset, true, false, () -> true, frame -> {
            out.writeBytes(frame);
            return true;
        });
        assertThat(frames(out.toByteArray())).containsExactly(new Frame(1, "after\n"));
    }

    @Test
    void skipsLinesThatAreNotK8sFile() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, "garbage\n2026-11-22T23:02:40.000000001+00:00 stdout F ok\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogStreams.logs(log, LogQuery.parse(Map.of("stdout", "1")::get), () -> false, frame -> {
            out.writeBytes(frame);
            return true;
        });
        assertThat(frames(out.toByteArray())).containsExactly(new Frame(1, "ok\n"));
    }
}
