package io.releaseledger.policy;

import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    private static ZonedDateTime at(final String text) {
        return ZonedDateTime.parse(text);
    }

    @Test
    void shouldFindTheNextFridayEvening() {
        CronSchedule schedule = CronSchedule.parse("0 18 * * FRI");

        // 2026-12-05 is a Saturday
        assertThat(schedule.next(at("2026-12-05T10:00Z"))).contains(at("2026-12-11T18:00Z"));
        assertThat(schedule.next(at("2026-12-11T18:00Z"))).contains(at("2026-12-18T18:00Z"));
    }

    @Test
    void shouldFindThePreviousStartWithinTheBound() {
        CronSchedule schedule = CronSchedule.parse("0 18 * * 5");

        assertThat(schedule.previous(at("2026-12-05T10:00Z"), at("2026-12-01T00:00Z"))).contains(at("2026-12-04T18:00Z"));
        assertThat(schedule.previous(at("2026-12-05T10:00Z"), at("2026-12-05T00:00Z"))).isEmpty();
        assertThat(schedule.previous(at("2026-12-04T18:00Z"), at("2026-12-04T18:00Z"))).contains(at("2026-12-04T18:00Z"));
    }

    @Test
    void shouldReadListsRangesStepsAndNames() {
        CronSchedule schedule = CronSchedule.parse("*/15 9-17 * DEC mon-fri");

        assertThat(schedule.next(at("2026-12-07T17:50Z"))).contains(at("2026-12-08T09:00Z"));
        assertThat(schedule.next(at("2026-12-08T09:00Z"))).contains(at("2026-12-08T09:15Z"));
        assertThat(schedule.next(at("2026-12-31T17:46Z"))).contains(at("2027-12-01T09:00Z"));
    }

    @Test
    void shouldTakeSevenAndZeroForSunday() {
        assertThat(CronSchedule.parse("0 0 * * 7").next(at("2026-12-05T00:00Z"))).contains(at("2026-12-06T00:00Z"));
        assertThat(CronSchedule.parse("0 0 * * 0").next(at("2026-12-05T00:00Z"))).contains(at("2026-12-06T00:00Z"));
    }

    @Test
    void shouldMatchEitherDayFieldWhenBothAreRestricted() {
        CronSchedule schedule = CronSchedule.parse("0 0 1 * MON");

        assertThat(schedule.next(at("2026-12-05T00:00Z"))).contains(at("2026-12-07T00:00Z"));
        assertThat(schedule.next(at("2026-12-28T00:00Z"))).contains(at("2027-01-01T00:00Z"));
    }

    @Test
    void shouldReadTheTimesInTheZoneOfTheGivenTime() {
        CronSchedule schedule = CronSchedule.parse("0 18 * * *");

        assertThat(schedule.next(at("2026-12-05T10:00+01:00[Europe/Berlin]")))
                .contains(at("2026-12-05T18:00+01:00[Europe/Berlin]"));
    }

    @Test
    void shouldRefuseAWrongNumberOfFields() {
        assertThatThrownBy(() -> CronSchedule.parse("0 18 * *")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("'0 18 * *'").hasMessageContaining("4 fields")
                .hasMessageContaining("minute hour day-of-month month day-of-week");
    }

    @Test
    void shouldRefuseValuesOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *")).hasMessageContaining("hour field")
                .hasMessageContaining("0-23");
        assertThatThrownBy(() -> CronSchedule.parse("0 18 * * FRY")).hasMessageContaining("day-of-week field")
                .hasMessageContaining("'FRY' is not a number or one of SUN");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *")).hasMessageContaining("'5-1' is outside");
        assertThatThrownBy(() -> CronSchedule.parse("١ * * * *")).hasMessageContaining("is not a number");
    }

    @Test
    void shouldRefuseAnExpressionThatNeverMatches() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 31 2 *")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("names no time that exists");
    }
}
