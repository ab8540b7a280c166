package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ledger.LedgerKeys;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.verb.POST;

/**
 * Rotating the controller's ledger key and declaring one lost: a {@code ConfidentialKey} cannot be replaced in place
 * (jenkins-2.541.3 {@code HMACConfidentialKey.getKey()} generates a key once per id and caches it), so a rotation adds
 * a key under a new id, and the old one keeps verifying; a lost key is declared only after confirmation; every action
 * is for administrators (Jenkins routes a management link's URL without a permission check) and POST only.
 */
class LedgerKeyManagementTest {
    /** The bytes each key id holds in {@code secrets/}, as the ConfidentialStore would: generation → key. */
    private final Map<Integer, byte[]> secrets = new HashMap<>();
    private int reloads;
    private LedgerStore store;

    @TempDir
    Path home;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private LedgerKeys keys(final Path jenkinsHome) {
        return LedgerKeySource.keys(jenkinsHome, generation -> macs(secrets.computeIfAbsent(generation,
                g -> filled(g))));
    }

    private LedgerKeyManagement management(final Runnable requireAdminister) {
        return new LedgerKeyManagement(requireAdminister, () -> home, this::keys, () -> reloads++);
    }

    private void record(final String version) {
        if (store != null) {
            store.close();
        }
        store = new LedgerStore(home.resolve(ReleaseLedgers.DIRECTORY), keys(home));
        store.append(LedgerAccess.job("shop/main"), "shop", LedgerStoreTest.tagged(version, false), false);
    }

    private String journal() throws Exception {
        return Files.readString(home.resolve(ReleaseLedgers.DIRECTORY).resolve("shop").resolve("events.jsonl"));
    }

    @Test
    void shouldRotateToANewKeyWhileTheOldOneKeepsVerifyingWhatItSealed() throws Exception {
        record("1.4.0");
        String first = keys(home).getCurrent().getId();

        String second = management(() -> { }).rotate();
        record("1.5.0");

        assertThat(second).isNotEqualTo(first);
        assertThat(management(() -> { }).getGeneration()).isEqualTo(2);
        assertThat(management(() -> { }).getCurrentKeyId()).isEqualTo(second);
        assertThat(reloads).isEqualTo(1);
        assertThat(journal()).contains("\"from\":\"" + first + "\",\"to\":\"" + second + "\"");
        assertThat(store.verify("shop").isIntact()).isTrue();
        assertThat(store.verify("shop").isAuthenticated()).isTrue();
        assertThat(Files.readString(home.resolve("secrets").resolve(LedgerKeyGenerations.FILE)))
                .contains("generation 2").doesNotContain(Arrays.toString(secrets.get(1)));
    }

    @Test
    void shouldDeclareALostKeyOnlyAfterConfirmationAndReSealWithTheNextEvent() throws Exception {
        record("1.4.0");
        String lost = keys(home).getCurrent().getId();
        secrets.put(1, filled(42)); // secrets/ lost: Jenkins generates a new key under the same id
        store.close();
        store = new LedgerStore(home.resolve(ReleaseLedgers.DIRECTORY), keys(home));
        assertThat(store.verify("shop").getProblem()).contains("sealed with key " + lost);
        LedgerKeyManagement management = management(() -> { });

        assertThatThrownBy(() -> management.declareLost(lost, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confirmation");
        assertThatThrownBy(() -> management.declareLost("not-a-key", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> management.declareLost(keys(home).getCurrent().getId(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seals now");
        assertThat(home.resolve("secrets").resolve(LedgerKeyGenerations.FILE)).doesNotExist();

        management.declareLost(lost, true);
        record("1.5.0");

        assertThat(management.getLostKeyIds()).containsExactly(lost);
        assertThat(reloads).isEqualTo(1);
        assertThat(journal()).contains("\"from\":\"" + lost + "\",\"to\":\"" + keys(home).getCurrent().getId() + "\"");
        assertThat(store.verify("shop").isIntact()).isTrue();
        assertThat(store.verify("shop").isAuthenticated()).isTrue();
    }

    @Test
    void shouldCheckAdministerBeforeReadingOrChangingAnything() {
        LedgerKeyManagement denied = management(() -> {
            throw new IllegalStateException("lacks Overall/Administer");
        });

        assertThatThrownBy(denied::rotate).hasMessageContaining("Administer");
        assertThatThrownBy(() -> denied.declareLost("0123456789abcdef", true)).hasMessageContaining("Administer");
        assertThatThrownBy(denied::getCurrentKeyId).hasMessageContaining("Administer");
        assertThatThrownBy(denied::getLostKeyIds).hasMessageContaining("Administer");
        assertThat(home.resolve("secrets")).doesNotExist();
        assertThat(reloads).isZero();
    }

    @Test
    void shouldAnswerOnlyPostOnEveryAction() {
        List<Method> actions = Arrays.stream(LedgerKeyManagement.class.getDeclaredMethods())
                .filter(method -> method.getName().startsWith("do") && Modifier.isPublic(method.getModifiers()))
                .toList();

        assertThat(actions).extracting(Method::getName).containsExactlyInAnyOrder("doRotate", "doDeclareLost");
        assertThat(actions).allSatisfy(method -> assertThat(method.isAnnotationPresent(POST.class)).isTrue());
    }

    private static byte[] filled(final int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return bytes;
    }

    /** As {@code HMACConfidentialKey.createMac()}: a new HmacSHA256 {@link Mac} of the stored key each call. */
    private static Supplier<Mac> macs(final byte[] stored) {
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
}
