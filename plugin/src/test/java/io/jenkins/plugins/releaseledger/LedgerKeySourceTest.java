package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.LedgerKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's ledgers are sealed with its key: {@code HMACConfidentialKey.createMac()} gives a fresh
 * HmacSHA256 instance of one stored key per call (jenkins-2.541.3), which this test stands in for; a journal re-sealed
 * with plain SHA-256 is damage for the page, the API and the steps; the list of sealed ledgers lives in
 * {@code secrets/}, outside the ledger root.
 */
class LedgerKeySourceTest {
    private static final String HASH_MEMBER = ",\"hash\":\"";

    @TempDir
    Path home;

    private LedgerStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** As {@code HMACConfidentialKey.createMac()}: a new HmacSHA256 {@link Mac} of the same stored key each call. */
    private static Supplier<Mac> confidentialKeyMacs(final byte[] stored) {
        return () -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(stored, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void shouldSealTheControllersLedgersAndReportAJournalReSealedWithPlainSha256() throws Exception {
        LedgerKeys keys = LedgerKeySource.keys(home, confidentialKeyMacs(new byte[32]));
        Path root = home.resolve(ReleaseLedgers.DIRECTORY);
        store = new LedgerStore(root, keys);
        store.append(LedgerAccess.job("shop/main"), "shop", LedgerStoreTest.tagged("1.4.0", false), false);
        store.append(LedgerAccess.job("shop/main"), "shop", LedgerStoreTest.tagged("1.5.0", false), false);
        store.close();
        Path journal = root.resolve("shop").resolve("events.jsonl");
        assertThat(Files.readAllLines(journal)).allMatch(line -> line.contains("\"key\":\"" + keys.getCurrent().getId()));
        assertThat(keys.getSealedLedgers().getFile()).startsWith(home.resolve("secrets"));
        assertThat(keys.getSealedLedgers().getFile().startsWith(root)).isFalse();
        assertThat(Files.readString(keys.getSealedLedgers().getFile())).contains(root.resolve("shop").toRealPath().toString());

        resealWithPlainSha256(journal);
        Files.deleteIfExists(root.resolve("shop").resolve("checkpoint.bin"));
        store = new LedgerStore(root, keys);

        assertThat(store.verify("shop").isIntact()).isFalse();
        assertThat(store.verify("shop").getProblem()).contains("not sealed");
        assertThat(((Map<?, ?>) store.view("shop").state().get("integrity")).get("intact")).isEqualTo(false);
        assertThatThrownBy(() -> store.append(LedgerAccess.job("shop/main"), "shop",
                LedgerStoreTest.tagged("1.6.0", false), false)).isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void shouldRefuseAMacThatIsNotHmacSha256() {
        assertThatThrownBy(() -> LedgerKeySource.keys(home, () -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HmacSHA256");
    }

    /** Strips the seals of the second event and re-chains it with plain SHA-256, as someone without the key can. */
    private static void resealWithPlainSha256(final Path journal) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        String line = lines.get(1);
        String body = line.substring(0, line.lastIndexOf(HASH_MEMBER)) + "}";
        body = body.replaceFirst(",\"key\":\"[0-9a-f]{16}\"", "").replaceFirst(",\"mac\":\"[0-9a-f]{64}\"", "")
                .replace("1.5.0", "1.5.9");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        lines.set(1, body.substring(0, body.length() - 1) + HASH_MEMBER + hash + "\"}");
        Files.writeString(journal, String.join("\n", lines) + "\n");
    }
}
