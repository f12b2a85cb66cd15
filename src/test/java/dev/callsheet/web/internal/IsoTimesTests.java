package dev.callsheet.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written ISO text must be the formatter's, character for character, or callers' parsing breaks. */
class IsoTimesTests {

    private final SplittableRandom random = new SplittableRandom(20261203);

    @Test
    void instantsAreWrittenAsIsoInstantWritesThem() {
        for (int i = 0; i < 200_000; i++) {
            Instant value = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L),
                    i % 4 == 0 ? random.nextInt(1_000_000_000) : 0);
            assertThat(IsoTimes.instant(value)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(value));
        }
        assertThat(IsoTimes.instant(Instant.parse("2026-03-29T01:00:00Z"))).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(IsoTimes.instant(Instant.EPOCH.minusSeconds(1))).isEqualTo("1969-12-31T23:59:59Z");
    }

    @Test
    void offsetDateTimesAreWrittenAsIsoOffsetDateTimeWritesThem() {
        for (int i = 0; i < 200_000; i++) {
            int offset = i % 5 == 0 ? random.nextInt(-64_800, 64_801) : random.nextInt(-72, 73) * 15 * 60;
            OffsetDateTime value = OffsetDateTime.ofInstant(Instant.ofEpochSecond(
                    random.nextLong(-70_000_000_000L, 260_000_000_000L), i % 4 == 0 ? random.nextInt(1_000_000_000) : 0),
                    ZoneOffset.ofTotalSeconds(offset));
            assertThat(IsoTimes.offsetDateTime(value)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }
        assertThat(IsoTimes.offsetDateTime(OffsetDateTime.parse("2026-12-08T16:30:00+12:00")))
                .isEqualTo("2026-12-08T16:30:00+12:00");
        assertThat(IsoTimes.offsetDateTime(OffsetDateTime.parse("2026-12-08T04:30:00-03:30")))
                .isEqualTo("2026-12-08T04:30:00-03:30");
    }

    @Test
    void theModuleWritesThemInJson() {
        JsonMapper json = JsonMapper.builder().addModule(new WebConfiguration().isoTimes()).build();
        record Times(Instant start, OffsetDateTime local) {
        }

        String written = json.writeValueAsString(new Times(Instant.parse("2026-12-08T04:30:00Z"),
                OffsetDateTime.parse("2026-12-08T13:30:00+09:00")));

        assertThat(written).isEqualTo("{\"start\":\"2026-12-08T04:30:00Z\",\"local\":\"2026-12-08T13:30:00+09:00\"}");
    }
}
