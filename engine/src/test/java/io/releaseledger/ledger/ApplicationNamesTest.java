package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names of files kept next to the ledgers are reserved; names are bounded by their encoded bytes. */
class ApplicationNamesTest {
    @TempDir
    Path root;

    @Test
    void shouldRefuseTheNameOfThePluginsJobIndex() {
        for (String name : new String[] {"jobs.json", "JOBS.JSON", "jobs.json.unreadable-1", "jobs.json123.part"}) {
            assertThatThrownBy(() -> Ledger.open(root, name)).as(name).isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining("'" + name + "' is reserved").hasMessageContaining("choose another");
        }
        assertThat(root.resolve("jobs.json")).doesNotExist();
        try (Ledger ledger = Ledger.open(root, "jobs")) {
            assertThat(ledger.getDirectory().getFileName()).hasToString("jobs");
        }
    }

    @Test
    void shouldRefuseLongCjkNamesWithAClearMessage() {
        for (int length = 25; length <= 40; length++) {
            String name = "漢".repeat(length);
            if (length * 9 <= 255) {
                assertThat(ApplicationNames.decode(ApplicationNames.encode(name))).isEqualTo(name);
            } else {
                assertThatThrownBy(() -> ApplicationNames.encode(name)).isInstanceOf(ReleaseLedgerException.class)
                        .hasMessageContaining("too long").hasMessageContaining(length * 3 + " bytes of UTF-8");
            }
        }
        String emoji = "😀".repeat(50);
        assertThatThrownBy(() -> ApplicationNames.encode(emoji)).isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining("😀".repeat(40) + "…");
    }
}
