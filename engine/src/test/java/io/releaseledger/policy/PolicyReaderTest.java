package io.releaseledger.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyReaderTest {
    private static final PolicyReader READER = new PolicyReader("policy.json");

    @Test
    void shouldReadApprovalsAndWindows() {
        ReleasePolicy policy = READER.read("""
                {"environments": {"production": {
                    "approvals": {"required": 2, "approvers": ["release-managers", "alice"]},
                    "freezeWindows": [
                        {"name": "year-end", "from": "2026-12-20T00:00:00Z", "to": "2027-01-04T00:00:00Z"},
                        {"name": "weekend", "cron": "0 18 * * FRI", "duration": "62h", "timeZone": "Europe/Berlin"}]}}}
                """);

        EnvironmentPolicy production = policy.forEnvironment("production");
        assertThat(production.getApprovals().getRequired()).isEqualTo(2);
        assertThat(production.getApprovals().getApprovers()).containsExactly("release-managers", "alice");
        assertThat(production.getFreezeWindows()).extracting(FreezeWindow::getName).containsExactly("year-end", "weekend");
        assertThat(production.activeFreeze(Instant.parse("2026-12-05T12:00:00Z")).orElseThrow().getWindow().getName())
                .isEqualTo("weekend");
        assertThat(policy.forEnvironment("staging").isEmpty()).isTrue();
    }

    @Test
    void shouldReadDurationsBothWays() {
        assertThat(PolicyReader.duration("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PolicyReader.duration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(PolicyReader.duration("PT62H")).isEqualTo(Duration.ofHours(62));
        assertThatThrownBy(() -> PolicyReader.duration("a while")).hasMessageContaining("write e.g. 90m");
    }

    @Test
    void shouldNameTheSourceThePlaceAndTheFixOfABadWindow() {
        assertThatThrownBy(() -> READER.read("""
                {"environments": {"production": {"freezeWindows": [
                    {"name": "weekend", "cron": "0 18 * FRI", "duration": "62h", "timeZone": "UTC"}]}}}
                """)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy.json: environments.production.freezeWindows[0]: Freeze window 'weekend': "
                        + "The cron expression '0 18 * FRI' is not valid: it has 4 fields");
    }

    @Test
    void shouldRefuseUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> READER.read("{\"environments\": {\"production\": {\"approval\": {}}}}"))
                .hasMessage("policy.json: environments.production.approval: is not known here; use approvals, "
                        + "freezeWindows.");
        assertThatThrownBy(() -> READER.read("{\"environments\": {\"production\": {\"approvals\": {\"required\": 0}}}}"))
                .hasMessageContaining("environments.production.approvals.required: must be a whole number from 1 to 100");
        assertThatThrownBy(() -> READER.read("{\"environments\": {\"production\": {\"freezeWindows\": [{\"name\": \"x\", "
                + "\"from\": \"tomorrow\", \"to\": \"2027-01-04T00:00:00Z\"}]}}}"))
                .hasMessageContaining("freezeWindows[0].from: 'tomorrow' is not an instant");
        assertThatThrownBy(() -> READER.read("[1]")).hasMessageStartingWith("policy.json: is not a JSON object");
    }
}
