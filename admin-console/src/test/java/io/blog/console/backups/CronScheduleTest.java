package io.blog.console.backups;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime next(String expression, String after) {
        return CronSchedule.parse(expression).orElseThrow().next(ZonedDateTime.of(LocalDateTime.parse(after), BERLIN)).orElseThrow();
    }

    @Test
    void dailyAtHalfPastTwo() {
        assertThat(next("30 2 * * *", "2026-12-05T01:00")).isEqualTo(ZonedDateTime.of(2026, 12, 5, 2, 30, 0, 0, BERLIN));
        assertThat(next("30 2 * * *", "2026-12-05T02:30")).as("strictly after").isEqualTo(ZonedDateTime.of(2026, 12, 6, 2, 30, 0, 0, BERLIN));
        assertThat(next("30 2 * * *", "2026-12-31T23:59")).isEqualTo(ZonedDateTime.of(2027, 1, 1, 2, 30, 0, 0, BERLIN));
    }

    @Test
    void stepsRangesListsAndWeekdays() {
        assertThat(next("*/15 * * * *", "2026-12-05T10:07")).isEqualTo(ZonedDateTime.of(2026, 12, 5, 10, 15, 0, 0, BERLIN));
        assertThat(next("0 9-17/4 * * *", "2026-12-05T14:00")).isEqualTo(ZonedDateTime.of(2026, 12, 5, 17, 0, 0, 0, BERLIN));
        // 2026-12-05 is a Saturday: weekdays only means Monday the 7th; 7 and 0 are both Sunday.
        assertThat(next("0 3 * * 1-5", "2026-12-05T10:00")).isEqualTo(ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, BERLIN));
        assertThat(next("0 3 * * 7", "2026-12-05T10:00")).isEqualTo(ZonedDateTime.of(2026, 12, 6, 3, 0, 0, 0, BERLIN));
        assertThat(next("0 3 1,15 * *", "2026-12-05T10:00")).isEqualTo(ZonedDateTime.of(2026, 12, 15, 3, 0, 0, 0, BERLIN));
        // Day of month and day of week both restricted: either one (cron's rule).
        assertThat(next("0 3 20 * 1", "2026-12-05T10:00")).isEqualTo(ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, BERLIN));
        assertThat(next("0 0 29 2 *", "2026-12-05T10:00")).isEqualTo(ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, BERLIN));
    }

    @Test
    void malformedSchedulesAreRefused() {
        for (String bad : new String[] {"", "30 2 * *", "61 2 * * *", "30 24 * * *", "x 2 * * *", "30 2 0 * *", "*/0 * * * *", "5-1 * * * *"}) {
            assertThat(CronSchedule.parse(bad)).as(bad).isEmpty();
        }
        assertThat(CronSchedule.parse(null)).isEmpty();
    }
}
