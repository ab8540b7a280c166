package io.releaseledger.ledger;

import static io.releaseledger.ledger.JournalFixtures.ALICE;
import static io.releaseledger.ledger.JournalFixtures.APPLICATION;
import static io.releaseledger.ledger.JournalFixtures.BUILD;
import static io.releaseledger.ledger.JournalFixtures.deployment;
import static io.releaseledger.ledger.JournalFixtures.journalFile;
import static io.releaseledger.ledger.JournalFixtures.lines;
import static io.releaseledger.ledger.JournalFixtures.openAll;
import static io.releaseledger.ledger.JournalFixtures.readAll;
import static io.releaseledger.ledger.JournalFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheDocumentedCanonicalLineAndReadItBack() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deploymentId", "d-1");
        data.put("version", "1.4.0");
        data.put("hosts", List.of("web-1", "web-2"));
        data.put("image", Map.of("repository", "registry.example/shop"));
        data.put("note", "d\u00e9ploy\u00e9 \uD83D\uDE80 \"quoted\"\n");
        Instant at = Instant.parse("2026-11-22T10:15:30.123456Z");
        List<LedgerEvent> followed = new ArrayList<>();

        LedgerEvent event;
        try (Journal journal = openAll(dir, followed, new Messages())) {
            event = journal.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ALICE, BUILD)
                    .setEnvironment("production").setData(data).setTime(at), null);
        }

        // The canonical form, built here from the documentation rather than by the production code.
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("schema", 1L);
        expected.put("seq", 1L);
        expected.put("type", "deployment.started");
        expected.put("at", "2026-11-22T10:15:30.123Z");
        expected.put("application", "shop");
        expected.put("environment", "production");
        expected.put("actor", Map.of("id", "alice", "name", "Alice Example"));
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("kind", "jenkins");
        origin.put("job", "shop/main");
        origin.put("build", 212L);
        origin.put("url", "https://ci.example/job/shop/job/main/212/");
        origin.put("changeRequest", false);
        expected.put("origin", origin);
        expected.put("data", data);
        expected.put("prev", "0".repeat(64));
        String canonical = "{\"schema\":1,\"seq\":1,\"type\":\"deployment.started\",\"at\":\"2026-11-22T10:15:30.123Z\","
                + "\"application\":\"shop\",\"environment\":\"production\","
                + "\"actor\":{\"id\":\"alice\",\"name\":\"Alice Example\"},"
                + "\"origin\":{\"kind\":\"jenkins\",\"job\":\"shop/main\",\"build\":212,"
                + "\"url\":\"https://ci.example/job/shop/job/main/212/\",\"changeRequest\":false},"
                + "\"data\":{\"deploymentId\":\"d-1\",\"version\":\"1.4.0\",\"hosts\":[\"web-1\",\"web-2\"],"
                + "\"image\":{\"repository\":\"registry.example/shop\"},"
                + "\"note\":\"d\\u00e9ploy\\u00e9 \\ud83d\\ude80 \\\"quoted\\\"\\n\"},"
                + "\"prev\":\"" + "0".repeat(64) + "\"}";
        String hash = sha256(canonical);
        String line = canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + hash + "\"}";

        assertThat(lines(dir)).containsExactly(line);
        assertThat(new String(JournalFixtures.bytes(journalFile(dir)), StandardCharsets.ISO_8859_1))
                .matches("[\\x20-\\x7e]+\n");
        assertThat(event.getHash()).isEqualTo(hash);
        assertThat(event.getSequence()).isEqualTo(1);
        assertThat(event.getTime()).isEqualTo(Instant.parse("2026-11-22T10:15:30.123Z"));
        assertThat(event.getEnvironment()).isEqualTo("production");
        assertThat(event.getActor()).isEqualTo(ALICE);
        assertThat(event.getOrigin()).isEqualTo(BUILD);
        assertThat(event.getData()).isEqualTo(Json.parseObject(Json.write(data)));
        assertThat(followed).containsExactly(event);

        List<LedgerEvent> reread = readAll(dir);
        assertThat(reread).hasSize(1);
        LedgerEvent read = reread.get(0);
        assertThat(read.toJson()).isEqualTo(event.toJson());
        assertThat(read.toJson()).containsAllEntriesOf(Json.parseObject(Json.write(expected)));
        assertThat(read.getData().get("note")).isEqualTo("d\u00e9ploy\u00e9 \uD83D\uDE80 \"quoted\"\n");
        assertThat(LedgerEvent.fromJson(read.toJson()).line()).isEqualTo(line);
        assertThatThrownBy(() -> read.getData().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldChainEveryEventToTheOneBefore() {
        List<LedgerEvent> appended = new ArrayList<>();
        try (Journal journal = openAll(dir, new ArrayList<>(), new Messages())) {
            for (int i = 1; i <= 20; i++) {
                appended.add(journal.append(deployment(i % 2 == 0 ? "staging" : "production", "1.0." + i), null));
            }
            assertThat(journal.getLastSequence()).isEqualTo(20);
            assertThat(journal.getLastHash()).isEqualTo(appended.get(19).getHash());
            assertThat(journal.getPosition()).isEqualTo(Files.size(journalFile(dir)));
            assertThat(journal.verify().toJson()).containsEntry("intact", true).containsEntry("events", 20L);
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        String previous = Journal.ZERO_HASH;
        for (int i = 0; i < appended.size(); i++) {
            LedgerEvent event = appended.get(i);
            assertThat(event.getSequence()).isEqualTo(i + 1);
            assertThat(event.getPreviousHash()).isEqualTo(previous);
            previous = event.getHash();
        }
        assertThat(readAll(dir)).extracting(LedgerEvent::toJson)
                .containsExactlyElementsOf(appended.stream().map(LedgerEvent::toJson).toList());
    }

    @Test
    void shouldKeepAnEventOfANewerSchemaAndUnknownTypeByteForByte() throws IOException {
        JournalFixtures.write(dir, 1);
        String previous = lines(dir).get(0);
        String prevHash = (String) Json.parseObject(previous).get("hash");
        // A newer writer: unknown schema, type and fields, and numbers this version would write differently.
        String canonical = "{\"schema\":7,\"seq\":2,\"type\":\"canary.shifted\",\"at\":\"2031-01-01T00:00:00Z\","
                + "\"application\":\"shop\",\"environment\":\"production\",\"weight\":2.50E1,\"tiny\":1e-7,"
                + "\"actor\":{\"id\":\"bot\",\"name\":\"Bot\",\"team\":\"sre\"},"
                + "\"origin\":{\"kind\":\"github-actions\",\"run\":99},\"data\":{\"steps\":[1,2.0,{\"x\":null}]},"
                + "\"signature\":\"abc\",\"prev\":\"" + prevHash + "\"}";
        String line = canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + sha256(canonical) + "\"}";
        Files.writeString(journalFile(dir), line + "\n", StandardOpenOption.APPEND);

        List<LedgerEvent> events = new ArrayList<>();
        try (Journal journal = openAll(dir, events, new Messages())) {
            assertThat(journal.verify().isIntact()).isTrue();
            LedgerEvent third = journal.append(deployment("production", "2.0.0"), null);
            assertThat(third.getPreviousHash()).isEqualTo(sha256(canonical));
        }

        LedgerEvent newer = events.get(1);
        assertThat(newer.getSchema()).isEqualTo(7);
        assertThat(newer.getType()).isEqualTo("canary.shifted");
        assertThat(newer.isKnown()).isFalse();
        assertThat(newer.getOrigin().getKind()).isEqualTo("github-actions");
        assertThat(newer.toJson()).containsKeys("weight", "tiny", "signature");
        assertThat(newer.line()).isEqualTo(line);
        assertThat(lines(dir)).hasSize(3).element(1).isEqualTo(line);
        assertThat(readAll(dir)).hasSize(3);
    }

    @Test
    void shouldSeeWhatOtherInstancesAppendedAndContinueAfterACheckpoint() {
        try (Journal first = openAll(dir, new ArrayList<>(), new Messages());
                Journal second = openAll(dir, new ArrayList<>(), new Messages())) {
            first.append(deployment("staging", "1.0.1"), null);
            LedgerEvent two = second.append(deployment("staging", "1.0.2"), null);
            assertThat(two.getSequence()).isEqualTo(2);
            first.append(deployment("staging", "1.0.3"), null);
            second.catchUp();
            assertThat(second.getLastSequence()).isEqualTo(3);
            assertThat(second.getPosition()).isEqualTo(first.getPosition());
        }

        List<LedgerEvent> all = readAll(dir);
        LedgerEvent checkpoint = all.get(1);
        long offset = (lines(dir).get(0) + "\n" + lines(dir).get(1) + "\n").length();
        List<LedgerEvent> after = new ArrayList<>();
        try (Journal journal = Journal.open(dir, APPLICATION, after::add, new Messages())) {
            journal.seek(offset, checkpoint.getSequence(), checkpoint.getHash());
            journal.catchUp();
            assertThat(after).extracting(LedgerEvent::getSequence).containsExactly(3L);

            assertThatThrownBy(() -> journal.seek(offset, 2, all.get(0).getHash()))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("does not hold");
            assertThatThrownBy(() -> journal.seek(offset - 5, 2, checkpoint.getHash()))
                    .hasMessageContaining("no line ends there");
            assertThatThrownBy(() -> journal.seek(offset * 10, 2, checkpoint.getHash()))
                    .hasMessageContaining("was truncated").hasMessageContaining(journalFile(dir).toString());
            assertThat(journal.getLastSequence()).isEqualTo(3);
        }
    }

    /**
     * The open parses the last line once (torn-line check) and the checkpoint's check reuses that parse only for the
     * same bytes: here the last line is rewritten in place between the two, same start and length, another hash.
     */
    @Test
    void shouldCheckTheCheckpointsEventAgainstTheBytesThereNowNotTheLineParsedAtOpen() throws IOException {
        JournalFixtures.write(dir, 3);
        LedgerEvent last = readAll(dir).get(2);
        long offset = Files.size(journalFile(dir));

        try (Journal journal = Journal.open(dir, APPLICATION, event -> { }, new Messages())) {
            byte[] bytes = Files.readAllBytes(journalFile(dir));
            String text = new String(bytes, StandardCharsets.UTF_8);
            int field = text.lastIndexOf("\"hash\":\"" + last.getHash());
            assertThat(field).isGreaterThan(text.lastIndexOf('\n', text.length() - 2));
            int hash = text.substring(0, field + "\"hash\":\"".length()).getBytes(StandardCharsets.UTF_8).length;
            bytes[hash] = (byte) (bytes[hash] == '0' ? '1' : '0');
            Files.write(journalFile(dir), bytes); // same file, same length: only the last line's hash differs

            assertThatThrownBy(() -> journal.seek(offset, last.getSequence(), last.getHash()))
                    .isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining("does not hold the checkpoint's event 3 ending at byte " + offset)
                    .hasMessageContaining("the line there is event 3 with another hash");
            assertThat(journal.getPosition()).as("the position is unchanged").isZero();
        }
    }

    @Test
    void shouldRecordNothingWhenTheCheckUnderTheLockRefuses() {
        try (Journal journal = openAll(dir, new ArrayList<>(), new Messages())) {
            journal.append(deployment("staging", "1.0.1"), null);
            assertThatThrownBy(() -> journal.append(deployment("staging", "1.0.2"), () -> {
                throw new ReleaseLedgerException("staging is locked");
            })).hasMessage("staging is locked");
            assertThatThrownBy(() -> journal.append(deployment("staging", "1.0.2")
                    .setData(Map.of("bad", new Object())), null)).isInstanceOf(ReleaseLedgerException.class);
            assertThat(journal.getLastSequence()).isEqualTo(1);
            assertThat(journal.append(deployment("staging", "1.0.3"), null).getSequence()).isEqualTo(2);
        }
        assertThat(lines(dir)).hasSize(2);
    }

    @Test
    void shouldLetTheCheckUnderTheLockReadTheJournalWithoutDeadlock() {
        try (Journal journal = openAll(dir, new ArrayList<>(), new Messages())) {
            LedgerEvent event = journal.append(deployment("staging", "1.0.1"), () -> {
                journal.catchUp();
                assertThat(journal.verify().isIntact()).isTrue();
            });
            assertThat(event.getSequence()).isEqualTo(1);
        }
    }

    @Test
    void shouldDescribeActorsOriginsAndTypes() {
        Origin cli = Origin.cli("bob", "laptop");
        assertThat(Origin.fromJson(cli.toJson())).isEqualTo(cli);
        assertThat(cli.toJson()).containsExactly(Map.entry("kind", "cli"), Map.entry("user", "bob"),
                Map.entry("host", "laptop"));
        Origin pr = Origin.build("shop/PR-7", 3, null, true);
        assertThat(Origin.fromJson(Json.parseObject(Json.write(pr.toJson())))).isEqualTo(pr);
        assertThat(pr.isChangeRequest()).isTrue();
        assertThat(Actor.fromJson(ALICE.toJson())).isEqualTo(ALICE).hasSameHashCodeAs(ALICE);

        assertThat(EventTypes.isRestrictedForChangeRequests(EventTypes.DEPLOYMENT_STARTED)).isTrue();
        assertThat(EventTypes.isRestrictedForChangeRequests(EventTypes.ENVIRONMENT_UNLOCKED)).isTrue();
        assertThat(EventTypes.isRestrictedForChangeRequests(EventTypes.RELEASE_PROMOTED)).isTrue();
        assertThat(EventTypes.isRestrictedForChangeRequests(EventTypes.RELEASE_ROLLED_BACK)).isTrue();
        assertThat(EventTypes.isRestrictedForChangeRequests(EventTypes.RELEASE_MARKED_BAD)).isTrue();
        assertThat(EventTypes.isRestrictedForChangeRequests(EventTypes.VERSION_TAGGED)).isFalse();
        assertThat(EventTypes.isRestrictedForChangeRequests(EventTypes.CHECK_RECORDED)).isFalse();
    }
}
