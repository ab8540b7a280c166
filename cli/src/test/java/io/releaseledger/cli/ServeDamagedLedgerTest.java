package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} on a damaged ledger: it serves what was recorded before the damage, and says so. */
class ServeDamagedLedgerTest {
    @TempDir
    Path root;

    @Test
    @SuppressWarnings("unchecked")
    void servesADamagedLedgerWithItsIntegrity() throws Exception {
        LedgerFixture.write(root);
        LedgerCommandsTest.editLine(root, 6);

        try (ServeFixture serve = ServeFixture.start(root)) {
            HttpResponse<String> state = serve.get("api/state");
            assertThat(state.statusCode()).isEqualTo(200);
            Map<String, Object> json = Json.parseObject(state.body());
            assertThat(((Number) json.get("events")).intValue()).as("what was recorded before the damage").isEqualTo(5);
            assertThat((Map<String, Object>) json.get("integrity")).containsEntry("intact", false)
                    .containsEntry("line", 6L).containsEntry("seq", 6L).containsKey("problem");

            HttpResponse<String> verify = serve.get("api/verify");
            assertThat(verify.statusCode()).isEqualTo(200);
            assertThat(Json.parseObject(verify.body())).containsEntry("intact", false).containsEntry("line", 6L);

            assertThat(serve.get("releases.js").body()).contains("rl-damage").contains("integrity.intact")
                    .doesNotContain("innerHTML");

            HttpResponse<String> history = serve.get("api/history?environment=staging");
            assertThat(history.statusCode()).isEqualTo(200);
        }
    }
}
