package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.LedgerKey;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.ledger.SealedLedgerList;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.crypto.Mac;
import jenkins.security.HMACConfidentialKey;

/**
 * The controller's ledger key: an {@link HMACConfidentialKey} in {@code $JENKINS_HOME/secrets/} (generated on first
 * use, encrypted with the controller's master key, never on agents, never leaving its store: the engine only gets
 * MAC instances), and the list of sealed ledgers beside it, outside {@code $JENKINS_HOME/release-ledger}.
 */
final class LedgerKeySource {
    static final String SEALED_LEDGERS = "io.jenkins.plugins.releaseledger.sealed-ledgers.txt";
    private static final HMACConfidentialKey KEY = new HMACConfidentialKey(ReleaseLedgers.class, "ledgerKey");

    private LedgerKeySource() {
    }

    /** The keys of the controller whose home is {@code jenkinsHome}. */
    static LedgerKeys controllerKeys(final Path jenkinsHome) {
        return keys(jenkinsHome, KEY::createMac);
    }

    /** The keys from {@code macs} (fresh HMAC-SHA-256 instances of one key), the list in {@code jenkinsHome/secrets}. */
    static LedgerKeys keys(final Path jenkinsHome, final Supplier<Mac> macs) {
        return LedgerKeys.of(LedgerKey.fromMacs(macs))
                .withSealedLedgers(SealedLedgerList.at(jenkinsHome.resolve("secrets").resolve(SEALED_LEDGERS)));
    }
}
