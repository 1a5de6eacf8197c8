package io.berth.container.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's log records turned into Docker frames with Docker's log rules. */
class DockerLogStreamTest {
    private static final String LOG = """
            2026-11-22T23:02:40.026343342+00:00 stdout F hello
            2026-11-22T23:02:40.026343342+00:00 stdout P part
            2026-11-22T23:02:40.026468430+00:00 stderr F err
            2026-11-22T23:02:41.227089824+00:00 stdout F ial
            2026-11-22T23:02:42.000000000+00:00 stdout F 
            2026-11-22T23:02:43.500000000+00:00 stderr P no newline
            """;

    record Frame(int stream, String text) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

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

    private List<Frame> sent() {
        return frames(out.toByteArray());
    }

    private DockerLogStream stream(LogQuery query, long pastBytes, boolean following) {
        return new DockerLogStream(query, pastBytes, following, out::writeBytes);
    }

    /** {@code docker logs} without follow: the whole log is the past. */
    private List<Frame> logs(Map<String, String> params) {
        DockerLogStream stream = stream(LogQuery.parse(params::get), LOG.length(), false);
        stream.accept(LOG.getBytes(StandardCharsets.UTF_8));
        stream.end();
        return sent();
    }

    @Test
    void rejoinsPartialLinesIntoDockerFrames() {
        assertThat(logs(Map.of("stdout", "1", "stderr", "1"))).containsExactly(
                new Frame(1, "hello\n"), new Frame(2, "err\n"), new Frame(1, "partial\n"), new Frame(1, "\n"),
                new Frame(2, "no newline"));
    }

    @Test
    void filtersStreams() {
        assertThat(logs(Map.of("stderr", "true"))).containsExactly(new Frame(2, "err\n"), new Frame(2, "no newline"));
    }

    @Test
    void tailCountsMessagesOfBothStreams() {
        assertThat(logs(Map.of("stdout", "1", "stderr", "1", "tail", "2")))
                .containsExactly(new Frame(1, "\n"), new Frame(2, "no newline"));
    }

    @Test
    void tailZeroSendsNothingAndAllSendsEverything() {
        assertThat(logs(Map.of("stdout", "1", "tail", "0"))).isEmpty();
        out.reset();
        assertThat(logs(Map.of("stdout", "1", "tail", "all"))).hasSize(3);
    }

    @Test
    void prefixesTimestampsWithNineFractionDigits() {
        assertThat(logs(Map.of("stdout", "1", "timestamps", "1", "tail", "2")).getFirst())
                .isEqualTo(new Frame(1, "2026-11-22T23:02:42.000000000Z \n"));
    }

    @Test
    void sinceAndUntilAreUnixSecondsWithFraction() {
        long at = Instant.parse("2026-11-22T23:02:41Z").getEpochSecond();
        assertThat(logs(Map.of("stdout", "1", "stderr", "1", "since", at + ".5", "until", String.valueOf(at + 2))))
                .containsExactly(new Frame(1, "\n"));
        out.reset();
        // A partial line is stamped with the time of its first part.
        assertThat(logs(Map.of("stdout", "1", "until", String.valueOf(at)))).containsExactly(
                new Frame(1, "hello\n"), new Frame(1, "partial\n"));
    }

    @Test
    void chunksCutAnywhereMakeTheSameFrames() {
        DockerLogStream stream = stream(LogQuery.parse(Map.of("stdout", "1", "stderr", "1")::get), LOG.length(), false);
        for (byte b : LOG.getBytes(StandardCharsets.UTF_8)) {
            stream.accept(new byte[] {b});
        }
        stream.end();
        assertThat(sent()).hasSize(5).startsWith(new Frame(1, "hello\n"));
    }

    @Test
    void skipsLinesThatAreNotK8sFile() {
        String log = "garbage\n2026-11-22T23:02:40.000000001+00:00 stdout F ok\n";
        DockerLogStream stream = stream(LogQuery.parse(Map.of("stdout", "1")::get), log.length(), false);
        stream.accept(log.getBytes(StandardCharsets.UTF_8));
        stream.end();
        assertThat(sent()).containsExactly(new Frame(1, "ok\n"));
    }

    @Test
    void followingSendsTheTailOfThePastOnceCompleteThenWhatFollowsAsItComes() {
        String past = """
                2026-11-22T23:02:40.000000001+00:00 stdout F one
                2026-11-22T23:02:40.000000002+00:00 stdout F two
                2026-11-22T23:02:40.000000003+00:00 stdout P thr
                """;
        DockerLogStream stream = stream(LogQuery.parse(Map.of("stdout", "1", "follow", "1", "tail", "1")::get),
                past.length(), true);
        stream.accept(past.getBytes(StandardCharsets.UTF_8));
        // Sent before the stream ends: the past is complete. The partial line waits for the rest of it.
        assertThat(sent()).containsExactly(new Frame(1, "two\n"));
        stream.accept("2026-11-22T23:02:41.000000001+00:00 stdout F ee\n".getBytes(StandardCharsets.UTF_8));
        stream.accept("2026-11-22T23:02:41.000000002+00:00 stdout F four\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sent()).containsExactly(new Frame(1, "two\n"), new Frame(1, "three\n"), new Frame(1, "four\n"));
        stream.end();
        assertThat(sent()).hasSize(3);
    }

    @Test
    void attachSendsEachMessageAsItComesAndTheUnterminatedRestAtTheEnd() {
        DockerLogStream stream = stream(LogQuery.attach(true, false), 0, true);
        stream.accept("2026-11-22T23:02:41.000000001+00:00 stdout F after\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sent()).containsExactly(new Frame(1, "after\n"));
        stream.accept(("2026-11-22T23:02:41.000000002+00:00 stderr F oops\n"
                + "2026-11-22T23:02:41.000000003+00:00 stdout P bye\n").getBytes(StandardCharsets.UTF_8));
        stream.end();
        assertThat(sent()).containsExactly(new Frame(1, "after\n"), new Frame(1, "bye"));
    }

    @Test
    void contentIsPassedOnByteForByte() {
        byte[] line = "2026-11-22T23:02:41.000000001+00:00 stdout F \u0000\r\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        DockerLogStream stream = stream(LogQuery.attach(true, true), 0, true);
        stream.accept(line);
        assertThat(out.toByteArray()).isEqualTo(Frames.frame(1, new byte[] {0, '\r', (byte) 0xff, '\n'}));
    }
}
