package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.LedgerKey;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.ledger.SealedLedgerList;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.crypto.Mac;
import jenkins.security.HMACConfidentialKey;

/**
 * The controller's ledger keys: {@link HMACConfidentialKey}s in {@code $JENKINS_HOME/secrets/} (generated on first
 * use, encrypted with the controller's master key, never on agents, never leaving their store: the engine only gets
 * MAC instances), one per generation ({@link LedgerKeyGenerations}: the newest seals, the earlier ones verify), and
 * the list of sealed ledgers beside them, outside {@code $JENKINS_HOME/release-ledger}.
 */
final class LedgerKeySource {
    static final String SEALED_LEDGERS = "io.jenkins.plugins.releaseledger.sealed-ledgers.txt";
    /** One key per generation; generation 1 is the key every earlier version of the plugin used. */
    private static final Map<Integer, HMACConfidentialKey> KEYS = new ConcurrentHashMap<>();

    private LedgerKeySource() {
    }

    /** The keys of the controller whose home is {@code jenkinsHome}. */
    static LedgerKeys controllerKeys(final Path jenkinsHome) {
        return keys(jenkinsHome, LedgerKeySource::confidentialKeyMacs);
    }

    /** Only generation 1, from {@code macs} (fresh HMAC-SHA-256 instances of one key); the list in {@code secrets/}. */
    static LedgerKeys keys(final Path jenkinsHome, final Supplier<Mac> macs) {
        return keys(jenkinsHome, generation -> macs);
    }

    /**
     * The keys of every generation up to the current one, {@code macsOf} giving each generation's MAC instances, with
     * the ids declared lost and the list of sealed ledgers in {@code jenkinsHome/secrets}.
     */
    static LedgerKeys keys(final Path jenkinsHome, final IntFunction<Supplier<Mac>> macsOf) {
        LedgerKeyGenerations generations = LedgerKeyGenerations.read(jenkinsHome);
        LedgerKeys keys = LedgerKeys.of(LedgerKey.fromMacs(macsOf.apply(generations.getGeneration())));
        for (int generation = generations.getGeneration() - 1; generation >= 1; generation--) {
            keys = keys.withRetired(LedgerKey.fromMacs(macsOf.apply(generation)));
        }
        for (String lost : generations.getLost()) {
            keys = keys.withLost(lost);
        }
        return keys.withSealedLedgers(SealedLedgerList.at(jenkinsHome.resolve("secrets").resolve(SEALED_LEDGERS)));
    }

    private static Supplier<Mac> confidentialKeyMacs(final int generation) {
        HMACConfidentialKey key = KEYS.computeIfAbsent(generation, any -> new HMACConfidentialKey(ReleaseLedgers.class,
                generation == 1 ? "ledgerKey" : "ledgerKey" + generation));
        return key::createMac;
    }
}
