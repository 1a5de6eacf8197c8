package io.berth.container.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's logs query parameters as dockerd reads them. */
class LogQueryTest {
    @Test
    void readsDockersParameters() {
        LogQuery query = LogQuery.parse(Map.of("stdout", "1", "follow", "true", "tail", "10", "timestamps", "1",
                "since", "1700000000.25", "until", "0")::get);
        assertThat(query).isEqualTo(new LogQuery(true, false, true, 10, true,
                Instant.ofEpochSecond(1_700_000_000L, 250_000_000), null));
    }

    @Test
    void aNegativeTailIsAllAsDockerdReadsIt() {
        assertThat(LogQuery.parse(Map.of("tail", "-3")::get).tail()).isEqualTo(LogQuery.ALL);
        assertThat(LogQuery.parse(Map.<String, String>of()::get).tail()).isEqualTo(LogQuery.ALL);
    }

    @Test
    void badNumbersAre400NamingTheParameter() {
        assertThatThrownBy(() -> LogQuery.parse(Map.of("tail", "many")::get))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid tail value: many");
        assertThatThrownBy(() -> LogQuery.parse(Map.of("since", "yesterday")::get))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid value for since: yesterday");
    }
}
