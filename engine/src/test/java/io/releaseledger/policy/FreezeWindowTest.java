package io.releaseledger.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreezeWindowTest {
    private static final FreezeWindow WEEKEND = FreezeWindow.recurring("weekend", "0 18 * * FRI", Duration.ofHours(62),
            "Europe/Berlin");

    @Test
    void shouldHoldAOneOffWindowFromItsStartUntilItsEnd() {
        FreezeWindow yearEnd = FreezeWindow.once("year-end", Instant.parse("2026-12-20T00:00:00Z"),
                Instant.parse("2027-01-04T00:00:00Z"));

        assertThat(yearEnd.occurrenceAt(Instant.parse("2026-12-19T23:59:59Z"))).isEmpty();
        assertThat(yearEnd.occurrenceAt(Instant.parse("2026-12-20T00:00:00Z")).orElseThrow().getEnd())
                .isEqualTo(Instant.parse("2027-01-04T00:00:00Z"));
        assertThat(yearEnd.occurrenceAt(Instant.parse("2027-01-04T00:00:00Z"))).isEmpty();
        assertThat(yearEnd.nextOccurrence(Instant.parse("2026-12-01T00:00:00Z")).orElseThrow().getStart())
                .isEqualTo(Instant.parse("2026-12-20T00:00:00Z"));
    }

    @Test
    void shouldHoldARecurringWindowInItsTimeZone() {
        // Friday 18:00 in Berlin (UTC+1 in December) is 17:00 UTC; 62 h later is Monday 08:00 Berlin
        assertThat(WEEKEND.occurrenceAt(Instant.parse("2026-12-04T16:59:00Z"))).isEmpty();
        FreezeOccurrence saturday = WEEKEND.occurrenceAt(Instant.parse("2026-12-05T12:00:00Z")).orElseThrow();
        assertThat(saturday.getStart()).isEqualTo(Instant.parse("2026-12-04T17:00:00Z"));
        assertThat(saturday.getEnd()).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(WEEKEND.occurrenceAt(Instant.parse("2026-12-07T07:00:00Z"))).isEmpty();
        assertThat(WEEKEND.nextOccurrence(Instant.parse("2026-12-07T07:00:00Z")).orElseThrow().getStart())
                .isEqualTo(Instant.parse("2026-12-11T17:00:00Z"));
    }

    @Test
    void shouldReportTheActiveWindowThatEndsLast() {
        EnvironmentPolicy policy = new EnvironmentPolicy("production").setFreezeWindows(List.of(WEEKEND,
                FreezeWindow.once("year-end", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-04T00:00:00Z"))));

        assertThat(policy.activeFreeze(Instant.parse("2026-12-05T12:00:00Z")).orElseThrow().getWindow().getName())
                .isEqualTo("year-end");
        assertThat(policy.nextFreeze(Instant.parse("2026-12-05T12:00:00Z")).orElseThrow().getWindow().getName())
                .isEqualTo("weekend");
    }

    @Test
    void shouldRefuseABadWindowNamingItAndTheFix() {
        assertThatThrownBy(() -> FreezeWindow.recurring("nights", "0 22 * *", Duration.ofHours(8), "UTC"))
                .isInstanceOf(PolicyException.class).hasMessageStartingWith("Freeze window 'nights': The cron");
        assertThatThrownBy(() -> FreezeWindow.recurring("nights", "0 22 * * *", Duration.ofHours(8), "Mars/Base"))
                .hasMessageContaining("'Mars/Base' is not a time zone");
        assertThatThrownBy(() -> FreezeWindow.recurring("nights", "0 22 * * *", Duration.ofDays(40), "UTC"))
                .hasMessageContaining("between one minute and 31 days");
        assertThatThrownBy(() -> FreezeWindow.once("x", Instant.parse("2026-12-02T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"))).hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> new EnvironmentPolicy("production").setFreezeWindows(List.of(WEEKEND, WEEKEND)))
                .hasMessageContaining("two freeze windows named 'weekend'");
    }
}
