package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger key on the command line: created private outside the ledger by the first command that records, never
 * printed; a journal re-sealed without it (plain SHA-256, or another key) is damage for verify, status and writers;
 * rotation and a lost key; a ledger replaced by an older copy of itself, accepted on purpose; a ledger deleted and
 * started again at its path after {@code key forget}.
 */
class LedgerKeyCommandsTest {
    private static final String HASH_MEMBER = ",\"hash\":\"";

    @TempDir
    Path root;

    @TempDir
    Path config;

    private Path journal;
    private Path keyFile;

    @BeforeEach
    void writeLedgerWithoutAKey() {
        LedgerFixture.write(root);
        journal = root.resolve("shop").resolve("events.jsonl");
        keyFile = config.resolve("release-ledger").resolve("ledger.key");
    }

    private Cli.Result run(final String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--ledger");
        all.add(root.toString());
        return Cli.withEnvironment(Map.of("XDG_CONFIG_HOME", config.toString())).run(all.toArray(String[]::new));
    }

    private Cli.Result markBad(final String version) {
        return run("mark-bad", "--application", "shop", "--version", version, "--reason", "broken basket");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCreateAPrivateKeyFileOnTheFirstRecordSealTheLedgerAndNeverPrintTheKey() throws IOException {
        Cli.Result before = run("verify", "--json");
        assertThat(keyFile).as("readers create no key").doesNotExist();
        assertThat(Json.parseObject(before.out)).containsEntry("intact", true).containsEntry("authenticated", false);

        Cli.Result mark = markBad("1.3.0");

        assertThat(mark.exitCode).as(mark.toString()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines.get(lines.size() - 2)).contains("\"type\":\"ledger.key-rotated\"");
        assertThat(lines.get(lines.size() - 1)).contains("\"mac\":\"");
        Cli.Result verify = run("verify");
        Cli.Result json = run("verify", "--json");
        Cli.Result id = run("key", "id");
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).contains("every event authenticated by the ledger key");
        assertThat(Json.parseObject(json.out)).containsEntry("authenticated", true);
        assertThat(id.out).startsWith(((Map<String, Object>) Json.parseObject(lines.get(lines.size() - 1)))
                .get("key") + "  ");
        String secret = secretOf(keyFile);
        String printed = mark.out + mark.err + verify.out + verify.err + json.out + id.out + id.err
                + Files.readString(journal);
        assertThat(printed).doesNotContain(secret)
                .doesNotContain(HexFormat.of().formatHex(Base64.getDecoder().decode(secret)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReportAJournalReSealedWithPlainSha256InVerifyStatusAndWriters() throws IOException {
        assertThat(markBad("1.3.0").exitCode).isZero();
        int edited = LedgerFixture.EVENTS - 3; // before the seal: the keyed events after it no longer chain

        reseal(edited, line -> line.replaceFirst(",\"key\":\"[0-9a-f]{16}\"", "")
                .replaceFirst(",\"mac\":\"[0-9a-f]{64}\"", ""));

        Cli.Result verify = run("verify");
        Cli.Result status = run("status", "--json");
        Cli.Result mark = markBad("1.4.0");
        // Every seal is gone: the list of sealed ledgers beside the key file still knows this ledger was sealed.
        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(verify.out).contains("DAMAGED: line 1").contains("no event of its journal is sealed");
        Map<String, Object> integrity = (Map<String, Object>) Json.parseObject(status.out).get("integrity");
        assertThat(integrity).containsEntry("intact", false).containsEntry("line", 1L);
        assertThat(mark.exitCode).as(mark.toString()).isEqualTo(1);
        assertThat(mark.err).contains("damaged at line 1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReportAnEditReChainedWithPlainSha256AfterTheLedgerWasSealed() throws IOException {
        assertThat(markBad("1.3.0").exitCode).isZero();
        assertThat(markBad("1.4.0").exitCode).isZero();
        int edited = LedgerFixture.EVENTS + 2; // the first mark-bad, sealed

        reseal(edited, UnaryOperator.identity());

        Cli.Result verify = run("verify");
        Cli.Result status = run("status", "--json");
        Cli.Result mark = markBad("1.5.0");
        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(verify.out).contains("DAMAGED: line " + edited).contains("MAC does not match");
        Map<String, Object> integrity = (Map<String, Object>) Json.parseObject(status.out).get("integrity");
        assertThat(integrity).containsEntry("intact", false).containsEntry("line", (long) edited);
        assertThat(mark.exitCode).as(mark.toString()).isEqualTo(1);
        assertThat(mark.err).contains("damaged at line " + edited);
    }

    @Test
    void shouldReportAJournalReSealedWithAnotherKeyFile() throws IOException {
        assertThat(markBad("1.3.0").exitCode).isZero();
        Path other = config.resolve("other.key");
        assertThat(run("key", "id", "--ledger-key", other.toString()).exitCode).isZero();
        // Someone with write access and a key of their own rewrites the ledger and re-seals all of it.
        Files.delete(root.resolve("shop").resolve("checkpoint.bin"));
        List<String> lines = Files.readAllLines(journal);
        Files.writeString(journal, String.join("\n", lines.subList(0, LedgerFixture.EVENTS)) + "\n");
        assertThat(run("mark-bad", "--application", "shop", "--version", "1.3.0", "--reason", "forged",
                "--ledger-key", other.toString()).exitCode).isZero();

        Cli.Result verify = run("verify");
        Cli.Result mark = markBad("1.4.0");

        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(verify.out).contains("DAMAGED: line " + (LedgerFixture.EVENTS + 1))
                .contains("not one of the ledger keys given");
        assertThat(mark.exitCode).as(mark.toString()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAKeyFileInsideTheLedgerOrReadableByOthers() throws IOException {
        Cli.Result inside = run("mark-bad", "--application", "shop", "--version", "1.3.0", "--reason", "x",
                "--ledger-key", root.resolve("ledger.key").toString());
        assertThat(markBad("1.3.0").exitCode).isZero();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result open = run("verify");

        assertThat(inside.exitCode).as(inside.toString()).isEqualTo(1);
        assertThat(inside.err).contains("inside the ledger directory");
        assertThat(root.resolve("ledger.key")).doesNotExist();
        assertThat(open.exitCode).as(open.toString()).isEqualTo(1);
        assertThat(open.err).contains("can be accessed by other users").contains("chmod 600");
    }

    @Test
    void shouldRotateTheKeyAndRecoverFromALostOne() throws IOException {
        assertThat(markBad("1.3.0").exitCode).isZero();
        String first = run("key", "id").out.split(" ")[0];

        Cli.Result rotate = run("key", "rotate");
        assertThat(markBad("1.4.0").exitCode).isZero();
        String second = run("key", "id").out.split(" ")[0];
        assertThat(rotate.out).contains("new ledger key " + second).doesNotContain(secretOf(keyFile));
        assertThat(Files.readString(journal)).contains("\"from\":\"" + first + "\",\"to\":\"" + second + "\"");
        assertThat(run("verify").out).contains("every event authenticated");

        // The key file is lost: a new one is made; the ledger's events name keys it does not hold.
        Files.delete(keyFile);
        assertThat(run("key", "id").exitCode).isZero();
        Cli.Result lostVerify = run("verify");
        assertThat(lostVerify.exitCode).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(lostVerify.out).contains("sealed with key " + first);
        assertThat(run("key", "lost", first).exitCode).isZero();
        assertThat(run("key", "lost", second).exitCode).isZero();
        Cli.Result recovered = run("verify");
        assertThat(recovered.exitCode).as(recovered.toString()).isZero();
        assertThat(recovered.out).contains("not authenticated").contains("declared lost");
        assertThat(markBad("1.5.0").exitCode).isZero();
        assertThat(run("verify").out).contains("every event authenticated");
    }

    @Test
    void shouldFindALedgerReplacedByAnOlderCopyOfItselfAndAcceptItOnlyOnPurpose() throws IOException {
        assertThat(markBad("1.3.0").exitCode).isZero();
        Path directory = journal.getParent();
        Path backup = Files.createDirectories(config.resolve("backup"));
        copyLedger(directory, backup);
        assertThat(markBad("1.4.0").exitCode).isZero();
        copyLedger(backup, directory);

        Cli.Result verify = run("verify");
        Cli.Result status = run("status", "--json");
        Cli.Result writer = markBad("1.5.0");
        Cli.Result refused = run("key", "forget", directory.toString());

        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(verify.out).contains("high-water mark").contains("key forget --accept-restore");
        assertThat(((Map<?, ?>) Json.parseObject(status.out).get("integrity")).get("intact")).isEqualTo(false);
        assertThat(writer.exitCode).isNotZero();
        assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err).contains("holds").contains("nothing was changed").contains("--accept-restore");
        Cli.Result accept = run("key", "forget", "--accept-restore", directory.toString());
        assertThat(accept.exitCode).as(accept.toString()).isZero();
        assertThat(accept.out).contains("Accepted the journal of " + directory.toRealPath());
        assertThat(run("verify").exitCode).isZero();
        assertThat(markBad("1.4.0").exitCode).isZero();
        assertThat(run("verify").out).contains("every event authenticated");
    }

    @Test
    void shouldStartANewLedgerWhereADeletedOneWasAfterKeyForget() throws IOException {
        assertThat(markBad("1.3.0").exitCode).isZero();
        Path directory = journal.getParent();
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }

        LedgerFixture.write(root); // started again, here with the engine's fixture (no key)
        Cli.Result damaged = run("verify");
        assertThat(damaged.exitCode).as(damaged.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(damaged.out).contains("key forget " + directory.toRealPath());
        assertThat(run("key", "forget", directory.toString()).err).contains("holds");
        Files.delete(journal);
        Files.deleteIfExists(directory.resolve("checkpoint.bin"));

        Cli.Result forget = run("key", "forget", directory.toString());
        assertThat(forget.exitCode).as(forget.toString()).isZero();
        assertThat(forget.out).contains("Forgot the ledger " + directory.toRealPath());
        assertThat(run("key", "forget", directory.toString()).out).contains("nothing to forget");
        LedgerFixture.write(root);
        assertThat(markBad("1.3.0").exitCode).isZero();
        Cli.Result verify = run("verify");
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).contains("every event authenticated");
    }

    private static void copyLedger(final Path from, final Path to) throws IOException {
        for (String name : new String[] {"events.jsonl", "checkpoint.bin"}) {
            if (Files.exists(from.resolve(name))) {
                Files.copy(from.resolve(name), to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(to.resolve(name));
            }
        }
    }

    /** Re-chains the journal from line {@code fromLine} (1-based) with plain SHA-256, after editing that line. */
    private void reseal(final int fromLine, final UnaryOperator<String> change) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        String previous = hashOf(lines.get(fromLine - 2));
        for (int i = fromLine - 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String body = line.substring(0, line.lastIndexOf(HASH_MEMBER)) + "}";
            body = change.apply(body.replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + previous + "\""));
            if (i == fromLine - 1) {
                body = body.replace("\"id\":\"alice\"", "\"id\":\"eve00\"").replace("broken basket", "fine basket");
            }
            previous = sha256(body);
            lines.set(i, body.substring(0, body.length() - 1) + HASH_MEMBER + previous + "\"}");
        }
        Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.deleteIfExists(root.resolve("shop").resolve("checkpoint.bin"));
    }

    private static String hashOf(final String line) {
        int at = line.lastIndexOf(HASH_MEMBER) + HASH_MEMBER.length();
        return line.substring(at, at + 64);
    }

    private static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secretOf(final Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> line.startsWith("key ")).reduce((a, b) -> b)
                .orElseThrow().substring(4);
    }
}
