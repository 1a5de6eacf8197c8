package io.berth.worker.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's log records: whole k8s-file lines, byte for byte, between offsets or following a run. */
class LogStreamsTest {
    private static final String LINES = """
            2026-11-22T23:02:40.026343342+00:00 stdout F hello
            2026-11-22T23:02:40.026343342+00:00 stdout P part
            2026-11-22T23:02:40.026468430+00:00 stderr F err
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> writes = new ArrayList<>();

    private boolean collect(byte[] lines) {
        writes.add(lines.length);
        out.writeBytes(lines);
        return true;
    }

    @Test
    void copySendsTheLinesBetweenTwoOffsetsUnchanged() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, LINES);
        long end = LogStreams.endOfLines(log);
        assertThat(end).isEqualTo(LINES.length());
        LogStreams.copy(log, 0, end, this::collect);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(LINES);
    }

    @Test
    void aLineConmonIsStillWritingIsNeitherCountedNorSent() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, LINES + "2026-11-22T23:02:41.000000000+00:00 stdout F half");
        assertThat(LogStreams.endOfLines(log)).isEqualTo(LINES.length());
        LogStreams.copy(log, 0, Long.MAX_VALUE, this::collect);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(LINES);
    }

    @Test
    void anAbsentLogEndsAtZeroAndSendsNothing() throws Exception {
        Path log = dir.resolve("never-written.log");
        assertThat(LogStreams.endOfLines(log)).isZero();
        LogStreams.copy(log, 0, 0, this::collect);
        LogStreams.follow(log, 0, () -> true, Thread::sleep, this::collect);
        assertThat(out.size()).isZero();
    }

    @Test
    void bytesInsideALineAreSentAsTheyAre() throws Exception {
        Path log = dir.resolve("ctr.log");
        byte[] binary = {'2', '0', '2', '6', '-', '0', '1', '-', '0', '1', 'T', '0', '0', ':', '0', '0', ':', '0', '0',
                'Z', ' ', 's', 't', 'd', 'o', 'u', 't', ' ', 'P', ' ', 0, (byte) 0xff, '\r', (byte) 0xc3, '\n'};
        Files.write(log, binary);
        LogStreams.copy(log, 0, LogStreams.endOfLines(log), this::collect);
        assertThat(out.toByteArray()).isEqualTo(binary);
    }

    @Test
    void aLogLongerThanOneReadComesInWholeLines() throws Exception {
        Path log = dir.resolve("ctr.log");
        String line = "2026-11-22T23:02:40.000000001+00:00 stdout F " + "x".repeat(1000) + "\n";
        Files.writeString(log, line.repeat(200));
        LogStreams.copy(log, 0, LogStreams.endOfLines(log), this::collect);
        assertThat(out.size()).isEqualTo(line.length() * 200);
        assertThat(writes).hasSizeGreaterThan(1).allSatisfy(size -> assertThat(size % line.length()).isZero());
    }

    @Test
    void followStartsAtItsOffsetAndEndsOnceTheRunIsOverAndAllIsRead() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, "2026-11-22T23:02:40.000000001+00:00 stdout F before\n");
        long from = LogStreams.endOfLines(log);
        boolean[] over = {false};
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(250);
                append(log, "2026-11-22T23:02:41.000000001+00:00 stdout F after\n");
                Thread.sleep(250);
                append(log, "2026-11-22T23:02:41.000000002+00:00 stderr F last\n");
                // The run is seen over while its last line is already written: it is still sent.
                over[0] = true;
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        LogStreams.follow(log, from, () -> over[0], Thread::sleep, this::collect);
        writer.join();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "2026-11-22T23:02:41.000000001+00:00 stdout F after\n"
                        + "2026-11-22T23:02:41.000000002+00:00 stderr F last\n");
    }

    @Test
    void followEndsWhenTheLogIsGone() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, LINES);
        Thread remover = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(250);
                Files.delete(log);
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        LogStreams.follow(log, 0, () -> false, Thread::sleep, this::collect);
        remover.join();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(LINES);
    }

    @Test
    void aCallerThatHungUpStopsTheStream() throws Exception {
        Path log = dir.resolve("ctr.log");
        Files.writeString(log, LINES);
        LogStreams.follow(log, 0, () -> false, Thread::sleep, lines -> false);
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.APPEND);
    }
}
