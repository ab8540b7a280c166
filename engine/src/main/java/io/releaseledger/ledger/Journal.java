package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;
import io.releaseledger.report.PhaseTimings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The append-only, hash-chained journal {@code events.jsonl} of one application (see
 * {@code docs/releases-api.md}, "Durability and concurrency").
 *
 * <p>Every operation that touches the file's end runs under the ledger's lock: an in-JVM lock per directory
 * (file locks belong to the whole JVM) and then {@link FileChannel#lock()} on {@code events.lock}, so threads
 * and processes serialise. Under that lock a torn last line left by a crashed writer is set aside, the events
 * other processes appended are read and checked link by link, and only then is a new event chained and written
 * with one write and {@code force}. A broken link makes this journal refuse every further append; nothing is
 * ever rewritten.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(dir, "shop", model::apply, messages)) {
 *     journal.seek(0, 0, Journal.ZERO_HASH);   // or where the checkpoint ends
 *     journal.catchUp();
 *     journal.append(new EventDraft(EventTypes.ENVIRONMENT_LOCKED, actor, origin).setEnvironment("prod"),
 *             () -> model.requireUnlocked("prod"));
 * }
 * }</pre>
 */
final class Journal implements AutoCloseable {
    static final String ZERO_HASH = JournalHashing.ZERO_HASH;
    static final String JOURNAL_FILE = "events.jsonl";
    static final String LOCK_FILE = "events.lock";
    static final String TORN_PREFIX = JOURNAL_FILE + ".torn-";

    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final byte[] EVENT_START = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 64 << 20;
    private static final int READ_SLICE = 256 << 10;
    private static final DateTimeFormatter TORN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Path file;
    private final Path lockFile;
    private final String application;
    private final Consumer<LedgerEvent> follower;
    private final Messages notes;
    private final ReentrantLock lock;
    private final FileChannel channel;
    private final boolean readOnly;
    private final LedgerKeys keys;
    private volatile boolean tornTailNoted;
    private volatile boolean sealNoted;
    private volatile boolean markNoted;

    private volatile long position;
    private volatile long lastSequence;
    private volatile String lastHash = ZERO_HASH;
    /** The key the next event must be sealed with; {@code null} while the ledger has none. */
    private volatile String lastKeyId;
    private volatile ReleaseLedgerException damage;
    private volatile Verification damageFound;
    private volatile boolean closed;
    /** The last line as the torn-line check at open parsed it, for the checkpoint's check of the same line. */
    private ParsedLine parsedTail;

    private Journal(final Path directory, final String application, final Consumer<LedgerEvent> follower,
            final Messages notes, final FileChannel channel, final boolean readOnly, final LedgerKeys keys) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.keys = keys;
        this.file = directory.resolve(JOURNAL_FILE);
        this.lockFile = directory.resolve(LOCK_FILE);
        this.application = application;
        this.follower = follower;
        this.notes = notes;
        this.channel = channel;
        this.lock = LOCKS.computeIfAbsent(directory, key -> new ReentrantLock());
    }

    /**
     * Opens (creating when needed) the journal in {@code directory} and sets aside a torn last line. Reads no
     * event yet: call {@link #seek} and {@link #catchUp()}.
     *
     * @param follower receives every event read or appended, in order, under the ledger's lock
     * @param notes where recoveries are reported
     */
    static Journal open(final Path directory, final String application, final Consumer<LedgerEvent> follower,
            final Messages notes) {
        return open(directory, application, follower, notes, false);
    }

    /**
     * Opens the journal in {@code directory}; {@code readOnly}: for reading only, writing nothing (no directory,
     * journal or lock file is created, a torn last line is left where it is and not read).
     *
     * @throws ReleaseLedgerException when the directory or journal cannot be used; for reading also when they
     *         are missing or the journal is not a file
     */
    static Journal open(final Path directory, final String application, final Consumer<LedgerEvent> follower,
            final Messages notes, final boolean readOnly) {
        return open(directory, application, follower, notes, readOnly, LedgerKeys.none());
    }

    /**
     * As {@link #open(Path, String, Consumer, Messages, boolean)}; {@code keys} check the seals of the events read
     * and seal the events appended (see {@link JournalSeals}).
     */
    static Journal open(final Path directory, final String application, final Consumer<LedgerEvent> follower,
            final Messages notes, final boolean readOnly, final LedgerKeys keys) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(application, "application");
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (!readOnly) {
                Files.createDirectories(dir);
            }
            dir = dir.toRealPath();
        } catch (FileAlreadyExistsException e) {
            throw new ReleaseLedgerException("Cannot use " + dir + " as the ledger directory of " + application
                    + ": it exists and is not a directory.", e);
        } catch (NoSuchFileException e) {
            throw new ReleaseLedgerException("There is no ledger directory " + dir + " for application "
                    + application + ": nothing was recorded there.", e);
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot create the ledger directory " + dir + ": " + describe(e)
                    + ". The user running Release Ledger needs to be able to create and write it.", e);
        }
        Path journalFile = dir.resolve(JOURNAL_FILE);
        requireUsableJournal(dir, journalFile);
        FileChannel channel;
        try {
            channel = readOnly ? FileChannel.open(journalFile, StandardOpenOption.READ)
                    : FileChannel.open(journalFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new ReleaseLedgerException("The ledger journal " + journalFile + " is missing: the ledger directory "
                    + dir + " exists without it (it was deleted or moved). Restore events.jsonl from a backup.", e);
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot open the ledger journal " + journalFile + ": "
                    + describe(e) + ". The user running Release Ledger needs " + (readOnly ? "read" : "read and write")
                    + " access to " + dir + ".", e);
        }
        Journal journal = new Journal(dir, application, follower == null ? event -> { } : follower,
                notes == null ? new Messages() : notes, channel, readOnly, keys);
        try {
            long started = PhaseTimings.start();
            journal.locked(() -> {
                journal.recoverTornLine();
                return null;
            });
            PhaseTimings.end("journal: open, torn-line check", started);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /**
     * A journal that is not a regular file, or is missing from a directory that shows events were recorded (a
     * checkpoint, a torn line set aside), was deleted or replaced: say so rather than start a new, empty history.
     */
    private static void requireUsableJournal(final Path dir, final Path journalFile) {
        if (Files.isDirectory(journalFile)) {
            throw new ReleaseLedgerException("The ledger journal " + journalFile + " is a directory, not a file: it "
                    + "was replaced. Restore events.jsonl from a backup.");
        }
        if (Files.exists(journalFile) && !Files.isRegularFile(journalFile)) {
            throw new ReleaseLedgerException("The ledger journal " + journalFile + " is not a regular file. Restore "
                    + "events.jsonl from a backup.");
        }
        if (!Files.exists(journalFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && (Files.exists(dir.resolve(Checkpoint.FILE)) || hasTornLines(dir))) {
            throw new ReleaseLedgerException("The ledger journal " + journalFile + " is missing although " + dir
                    + " shows that events were recorded (a checkpoint or a set-aside line is there): it was deleted"
                    + " or moved. Restore events.jsonl from a backup; nothing was recorded.");
        }
    }

    private static boolean hasTornLines(final Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith(TORN_PREFIX));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Continues after a checkpoint: the event ending at byte {@code offset} must be number {@code sequence}
     * with hash {@code lastHash}. {@code seek(0, 0, ZERO_HASH)} starts from the beginning.
     *
     * @throws ReleaseLedgerException if the journal is shorter than {@code offset} (it was truncated) or that
     *         event is not there; the position is then unchanged
     */
    void seek(final long offset, final long sequence, final String lastHash) {
        requireOpen();
        if (offset < 0 || sequence < 0 || lastHash == null) {
            throw new IllegalArgumentException("offset and sequence must not be negative, the hash not null");
        }
        locked(() -> {
            String keyId = null;
            if (offset == 0) {
                if (sequence != 0 || !ZERO_HASH.equals(lastHash)) {
                    throw new ReleaseLedgerException("A ledger position at byte 0 must be sequence 0 with the zero "
                            + "hash, not sequence " + sequence + ".");
                }
            } else {
                keyId = keyIdAfter(checkEventEndingAt(offset, sequence, lastHash));
            }
            this.parsedTail = null;
            this.lastKeyId = keyId;
            this.position = offset;
            this.lastSequence = sequence;
            this.lastHash = lastHash;
            this.damage = null;
            this.damageFound = null;
            return null;
        });
    }

    /** The key the event after {@code event} must be sealed with: its own, or the next one a rotation names. */
    private static String keyIdAfter(final LedgerEvent event) {
        if (EventTypes.LEDGER_KEY_ROTATED.equals(event.getType()) && event.getKeyId() != null
                && event.getData().get("to") instanceof String to) {
            return to;
        }
        return event.getKeyId();
    }

    private LedgerEvent checkEventEndingAt(final long offset, final long sequence, final String hash) {
        String where = "the checkpoint's event " + sequence + " ending at byte " + offset;
        try {
            long size = channel.size();
            if (size < offset) {
                throw new ReleaseLedgerException("The ledger journal " + file + " has " + size + " bytes, fewer than "
                        + where + ": the journal was truncated. Run verify and restore " + file
                        + " from a backup.");
            }
            if (readByte(offset - 1) != '\n') {
                throw mismatch(where, "no line ends there");
            }
            long start = lineStart(offset - 1);
            byte[] bytes = readLineBytes(start, offset - 1 - start);
            ParsedLine parsed = parsedTail;
            parsedTail = null;
            LedgerEvent event;
            try {
                // The torn-line check at open parsed this line already when it is the last one, byte for byte.
                boolean same = parsed != null && parsed.start == start && Arrays.equals(parsed.bytes, bytes);
                String text = same ? parsed.text : new String(bytes, StandardCharsets.UTF_8);
                event = LedgerEvent.fromParsedLine(withoutLargeData(same ? parsed.json : Json.parseObject(text)), text);
            } catch (ReleaseLedgerException e) {
                throw mismatch(where, e.getMessage());
            }
            if (event.getSequence() != sequence || !event.getHash().equals(hash)) {
                throw mismatch(where, "the line there is event " + event.getSequence() + " with another hash");
            }
            return event;
        } catch (IOException e) {
            throw ioFailure("read", e);
        }
    }

    /**
     * The event's object with empty data, unless it is a key rotation (whose data names the next key): the check of the
     * checkpoint's event reads its sequence, hash and key only, and copying a large release's commits costs megabytes.
     */
    private static Map<String, Object> withoutLargeData(final Map<String, Object> json) {
        if (EventTypes.LEDGER_KEY_ROTATED.equals(json.get("type")) || !(json.get("data") instanceof Map<?, ?> data)
                || data.isEmpty()) {
            return json;
        }
        Map<String, Object> header = new LinkedHashMap<>(json);
        header.put("data", Map.of());
        return header;
    }

    private ReleaseLedgerException mismatch(final String where, final String why) {
        return new ReleaseLedgerException("The ledger journal " + file + " does not hold " + where + " (" + why
                + "): the journal was changed or replaced. Run verify and restore it from a backup.");
    }

    /**
     * Reads every complete event from the current position to the end, including what other processes
     * appended, checks each link and feeds the follower.
     *
     * @throws ReleaseLedgerException if a link is broken; from then on this journal refuses to append
     */
    void catchUp() {
        requireOpen();
        locked(() -> {
            reachEnd(null);
            return null;
        });
    }

    /**
     * Appends one event, durably, and returns it. Under the ledger's lock: reads what others appended, runs
     * {@code checkUnderLock} (which may throw to refuse the event; the draft is read after it ran), chains and
     * writes the event with one write, forces it to disk and feeds the follower.
     */
    LedgerEvent append(final EventDraft draft, final Runnable checkUnderLock) {
        Objects.requireNonNull(draft, "draft");
        requireOpen();
        return locked(() -> {
            reachEnd(checkUnderLock);
            rotateKeyWhenNeeded(draft);
            return writeSealed(draft, keys.getCurrent());
        });
    }

    /**
     * Under the lock: repairs a torn last line, reads what others appended, then runs {@code checkUnderLock} (if not
     * {@code null}).
     */
    private void reachEnd(final Runnable checkUnderLock) {
        recoverTornLine();
        readToEnd();
        if (checkUnderLock != null) {
            checkUnderLock.run();
        }
    }

    /**
     * Before the first event sealed with the current key: refuses to write unsealed events after sealed ones, and
     * records the change of key (from none, a retired or a lost key) as a {@code ledger.key-rotated} event, sealed with
     * the old key when there is one to seal with, else with the new one (which then vouches for the journal before it).
     */
    private void rotateKeyWhenNeeded(final EventDraft draft) {
        LedgerKey current = keys.getCurrent();
        if (!rotationDue(current)) {
            return;
        }
        String from = lastKeyId;
        if (current == null) {
            throw new ReleaseLedgerException("The ledger journal " + file + " is sealed with ledger key " + from
                    + ", and no ledger key was given to this writer: nothing was recorded. Give Release Ledger the "
                    + "ledger key (see docs/security.md, \"Ledger integrity\").");
        }
        LedgerKey old = from == null ? null : keys.find(from);
        if (from != null && old == null && !keys.isLost(from)) {
            throw new ReleaseLedgerException("The ledger journal " + file + " is sealed with ledger key " + from
                    + ", which is not one of the ledger keys given (" + keys.describeIds() + "): nothing was recorded.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", current.getId());
        writeSealed(new EventDraft(EventTypes.LEDGER_KEY_ROTATED, draft.getActor(), draft.getOrigin()).setData(data),
                old != null ? old : current);
    }

    private LedgerEvent writeSealed(final EventDraft draft, final LedgerKey key) {
        return writeLine(sealLine(draft, key, position, lastSequence, lastHash), key);
    }

    /**
     * Seals {@code draft} for the journal's end as it is now (encode, MAC, hash: for a release of many commits the costly
     * part of an append), so that a caller can do it while it waits for something else and {@link #append(Sealed,
     * Runnable)} it later. Only the end is read under the ledger's lock; the sealing runs on the calling thread without
     * it. {@code null} when the next append must first record a change of key (the rotation is sealed when written).
     */
    Sealed seal(final EventDraft draft) {
        Objects.requireNonNull(draft, "draft");
        requireOpen();
        LedgerKey key = keys.getCurrent();
        long[] end = new long[2];
        String previous = locked(() -> {
            reachEnd(null);
            end[0] = position;
            end[1] = lastSequence;
            return rotationDue(key) ? null : lastHash;
        });
        return previous == null ? null : sealLine(draft, key, end[0], end[1], previous);
    }

    /**
     * Appends an event {@link #seal sealed} earlier: its bytes when the journal's end is still the one it was sealed
     * for (nothing appended since, same key), else the draft sealed again for the end now, as {@link #append(EventDraft,
     * Runnable)} does. Both under the ledger's lock, so nothing else appends between the check and the write.
     */
    LedgerEvent append(final Sealed sealed, final Runnable checkUnderLock) {
        Objects.requireNonNull(sealed, "sealed");
        requireOpen();
        return locked(() -> {
            reachEnd(checkUnderLock);
            LedgerKey key = keys.getCurrent();
            if (sealed.isFor(position, lastSequence, lastHash, key) && !rotationDue(key)) {
                return writeLine(sealed, key);
            }
            rotateKeyWhenNeeded(sealed.draft);
            return writeSealed(sealed.draft, keys.getCurrent());
        });
    }

    /** Whether an event sealed with {@code current} must follow a {@code ledger.key-rotated} event (or be refused). */
    private boolean rotationDue(final LedgerKey current) {
        String from = lastKeyId;
        if (current == null) {
            return from != null;
        }
        return !current.getId().equals(from) && lastSequence != 0;
    }

    private Sealed sealLine(final EventDraft draft, final LedgerKey key, final long at, final long sequence,
            final String previous) {
        long started = PhaseTimings.start();
        Map<String, Object> json = toJson(draft, sequence + 1, previous);
        if (key != null) {
            json.put("key", key.getId());
        }
        // ASCII only, so these bytes are its UTF-8 too; MAC, hash and line are made from them without more copies.
        byte[] unsealed = Json.writeAscii(json).getBytes(StandardCharsets.US_ASCII);
        PhaseTimings.end("journal: encode (of encode, MAC and hash)", started);
        JournalHashing.SealedLine sealed = JournalHashing.sealedLine(unsealed, key == null ? null : key.newMac(),
                JournalHashing.HASHING_THREADS);
        String mac = sealed.getMac();
        String hash = sealed.getHash();
        String line = sealed.text();
        PhaseTimings.end("journal: encode, MAC and hash", started);
        started = PhaseTimings.start();
        // The event from what was written, not parsed back from the line (megabytes for a large release).
        Map<String, Object> written = new LinkedHashMap<>(json);
        if (mac != null) {
            written.put("mac", mac);
        }
        written.put("hash", hash);
        LedgerEvent event = LedgerEvent.written(written, line);
        PhaseTimings.end("journal: the event from what was written", started);
        return new Sealed(draft, at, sequence, previous, key == null ? null : key.getId(), sealed.getBytes(), event);
    }

    private LedgerEvent writeLine(final Sealed sealed, final LedgerKey key) {
        long started = PhaseTimings.start();
        write(sealed.bytes, sealed.event);
        PhaseTimings.end("journal: write and force", started);
        if (key != null) {
            noteSealed();
            noteMark(sealed.event);
        }
        started = PhaseTimings.start();
        follower.accept(sealed.event);
        PhaseTimings.end("journal: read model follows the event", started);
        return sealed.event;
    }

    /** An event's line sealed for one end of the journal: where it starts, the event it follows, the key it names. */
    static final class Sealed {
        private final EventDraft draft;
        private final long position;
        private final long previousSequence;
        private final String previousHash;
        private final String keyId;
        private final byte[] bytes;
        private final LedgerEvent event;

        Sealed(final EventDraft draft, final long position, final long previousSequence, final String previousHash,
                final String keyId, final byte[] bytes, final LedgerEvent event) {
            this.draft = draft;
            this.position = position;
            this.previousSequence = previousSequence;
            this.previousHash = previousHash;
            this.keyId = keyId;
            this.bytes = bytes;
            this.event = event;
        }

        /** Whether this line chains to the journal's end {@code position}, sealed with {@code key}. */
        boolean isFor(final long end, final long sequence, final String hash, final LedgerKey key) {
            return position == end && previousSequence == sequence && previousHash.equals(hash)
                    && Objects.equals(keyId, key == null ? null : key.getId());
        }

        EventDraft getDraft() {
            return draft;
        }

        LedgerEvent getEvent() {
            return event;
        }
    }

    /** Adds this ledger to the list of sealed ledgers (once per open journal), so that stripping its seals is found. */
    private void noteSealed() {
        SealedLedgerList list = keys.getSealedLedgers();
        if (sealNoted || list == null) {
            return;
        }
        try {
            list.add(directory);
            sealNoted = true;
        } catch (IOException e) {
            notes.warning("The ledger %s is sealed, but the list of sealed ledgers %s could not be written (%s): until "
                    + "it is, removing every seal of this ledger would not be noticed.", directory, list, describe(e));
        }
    }

    /** Moves this ledger's high-water mark to {@code event}, under the write lock (so marks only move forward). */
    private void noteMark(final LedgerEvent event) {
        SealedLedgerList list = keys.getSealedLedgers();
        if (list == null) {
            return;
        }
        try {
            list.mark(directory, event.getSequence(), event.getHash());
        } catch (IOException e) {
            notes.warning("The ledger %s recorded event %d, but its high-water mark in %s could not be written (%s): "
                    + "until it is, replacing the journal by an older copy back to the mark would not be noticed.",
                    directory, event.getSequence(), list, describe(e));
        }
    }

    /** This ledger's high-water mark, {@code null} without one (or, said once, when it cannot be read). */
    private HighWaterMark readMark() {
        SealedLedgerList list = keys.getSealedLedgers();
        if (list == null) {
            return null;
        }
        try {
            return list.mark(directory);
        } catch (IOException e) {
            if (!markNoted) {
                markNoted = true;
                notes.warning("The high-water mark of the ledger %s in %s cannot be read (%s): whether the journal was "
                        + "replaced by an older copy is not checked.", directory, list, describe(e));
            }
            return null;
        }
    }

    /** Why a journal without a sealed event is damage (the ledger is on the list of sealed ones), or {@code null}. */
    private String strippedSeals(final long lines, final JournalChain chain) {
        SealedLedgerList list = keys.getSealedLedgers();
        if (list == null || chain.getKeyId() != null) {
            return null;
        }
        try {
            if (!list.contains(directory)) {
                return null;
            }
        } catch (IOException e) {
            return "the list of sealed ledgers " + list + " cannot be read (" + describe(e) + "), so a journal "
                    + "without seals cannot be trusted";
        }
        return "the ledger was sealed with a ledger key (it is on the list of sealed ledgers " + list + "), but "
                + (lines == 0 ? "its journal is empty" : "no event of its journal is sealed")
                + ": its seals were removed and the journal rewritten, or it was replaced by a copy from before it was "
                + "sealed. If the ledger was deleted on purpose to start again at this path, forget the old one with "
                + "`release-ledger key forget " + directory + "` (see docs/security.md, \"Ledger integrity\")";
    }

    private Map<String, Object> toJson(final EventDraft draft, final long sequence, final String previous) {
        Instant time = draft.getTime() == null ? Instant.now() : draft.getTime();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", LedgerEvent.SCHEMA);
        json.put("seq", sequence);
        json.put("type", draft.getType());
        json.put("at", time.truncatedTo(ChronoUnit.MILLIS).toString());
        json.put("application", application);
        if (draft.getEnvironment() != null) {
            json.put("environment", draft.getEnvironment());
        }
        json.put("actor", draft.getActor().toJson());
        json.put("origin", draft.getOrigin().toJson());
        json.put("data", draft.getData());
        json.put("prev", previous);
        return json;
    }

    private void write(final byte[] bytes, final LedgerEvent event) {
        long start = position;
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = start;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            channel.force(true);
        } catch (IOException e) {
            String after;
            try {
                channel.truncate(start);
                channel.force(true);
                after = "Nothing was recorded.";
            } catch (IOException again) {
                e.addSuppressed(again);
                after = "A partial line may remain; it is set aside the next time the ledger is used.";
            }
            throw new ReleaseLedgerException("Could not record the " + event.getType() + " event in " + file + ": "
                    + describe(e) + ". " + after, e);
        }
        position = start + bytes.length;
        lastSequence++;
        lastHash = event.getHash();
        lastKeyId = keyIdAfter(event);
    }

    /**
     * The CRC-32C of the journal's first {@code end} bytes, or {@code null} when it is shorter: how a checkpoint
     * recognises, at the speed of reading the file, the journal it was written from.
     */
    Integer crcOfFirst(final long end) {
        requireOpen();
        return LedgerIo.call(() -> {
            try {
                if (channel.size() < end) {
                    return null;
                }
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                long at = 0;
                while (at < end) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        return null;
                    }
                    buffer.flip();
                    crc.update(buffer);
                    at += n;
                }
                return (int) crc.getValue();
            } catch (IOException e) {
                throw ioFailure("read", e);
            }
        });
    }

    /** Byte offset after the last event read or appended. */
    long getPosition() {
        return position;
    }

    long getLastSequence() {
        return lastSequence;
    }

    String getLastHash() {
        return lastHash;
    }

    Path getFile() {
        return file;
    }

    /** Whether the events read so far are sealed with a ledger key (the next one must be). */
    boolean isSealed() {
        return lastKeyId != null;
    }

    /**
     * Re-reads the whole journal independently of this object's position and reports the first bad line: not
     * JSON, not an event, out of sequence, not chained, edited, incomplete, or missing events this journal
     * had already read.
     */
    Verification verify() {
        return verify(lastSequence, lastHash, "had already been read");
    }

    /**
     * As {@link #verify()}, and event {@code knownSequence} must be in the journal with hash {@code knownHash}
     * (for example the last event a checkpoint recorded): a journal that ends before it was truncated, one that
     * holds another event there was rewritten or replaced.
     *
     * @param knownBy how that event is known, for the problem text ("is recorded in the checkpoint")
     */
    Verification verify(final long knownSequence, final String knownHash, final String knownBy) {
        requireOpen();
        return LedgerIo.call(() -> verifyInPlace(knownSequence, knownHash, knownBy));
    }

    private Verification verifyInPlace(final long knownSequence, final String knownHash, final String knownBy) {
        HighWaterMark mark = readMark();
        long size = locked(() -> {
            try {
                return readableSize();
            } catch (IOException e) {
                throw ioFailure("read", e);
            }
        });
        long known = knownSequence;
        JournalChain chain = new JournalChain(application, keys);
        long lines = 0;
        String problem = null;
        long badLine = 0;
        long badSequence = 0;
        String markProblem = null; // reported after the chain and the seals: they say more when they are broken too
        long markLine = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            JournalLines reader = new JournalLines(in, 0, size, MAX_LINE);
            String line;
            while ((line = reader.next()) != null) {
                lines++;
                if (problem == null && chain.next(line) == null) {
                    problem = chain.getProblem();
                    badLine = lines;
                    badSequence = chain.getProblemSequence();
                } else if (problem == null && markProblem == null && mark != null
                        && mark.otherEvent(chain.getSequence(), chain.getHash(), keys.getSealedLedgers()) != null) {
                    markProblem = mark.otherEvent(chain.getSequence(), chain.getHash(), keys.getSealedLedgers());
                    markLine = lines;
                } else if (problem == null && known > 0 && chain.getSequence() == known
                        && !chain.getHash().equals(knownHash)) {
                    problem = "event " + known + " is chained correctly but is not the event " + known + " that "
                            + knownBy + " (its hash differs): the journal was rewritten or replaced";
                    badLine = lines;
                    badSequence = known;
                }
            }
            if (reader.hasIncompleteTail() && problem == null) {
                problem = "the last line is incomplete (no newline at its end): a write was interrupted; it is set "
                        + "aside the next time the ledger is opened or written";
                badLine = lines + 1;
                badSequence = chain.getSequence() + 1;
            }
        } catch (JournalLines.TooLong e) {
            return Verification.broken(lines, lines + 1, chain.getSequence() + 1, "the line is longer than "
                    + MAX_LINE + " bytes: it is not an event written by Release Ledger");
        } catch (NoSuchFileException e) {
            return Verification.broken(0, 1, 1, "the journal " + file + " is missing");
        } catch (IOException e) {
            return Verification.broken(lines, lines + 1, chain.getSequence() + 1,
                    "the journal cannot be read: " + describe(e));
        }
        String stripped = problem == null ? strippedSeals(lines, chain) : null;
        if (stripped != null) {
            return Verification.broken(lines, 1, 1, stripped);
        }
        if (problem == null && markProblem != null) {
            return Verification.broken(lines, markLine, mark.sequence, markProblem);
        }
        String behind = problem == null && mark != null
                ? mark.behind(chain.getSequence(), keys.getSealedLedgers(), directory) : null;
        if (behind != null) {
            return Verification.broken(lines, lines + 1, chain.getSequence() + 1, behind);
        }
        if (problem == null && chain.getSequence() < known) {
            return Verification.broken(lines, lines + 1, chain.getSequence() + 1, "the journal ends after event "
                    + chain.getSequence() + " but event " + known + " " + knownBy + ": it was truncated");
        }
        return problem == null ? Verification.intact(lines, chain.describeUnauthenticated())
                : Verification.broken(lines, badLine, badSequence, problem);
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to save: every append was forced before it returned
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ReleaseLedgerException("The ledger journal " + file + " is closed.");
        }
    }

    /**
     * Runs under the in-JVM lock of this directory and, held by the outermost call only, the file lock; on a ledger
     * I/O thread, so that an interrupt of the caller can neither close the shared channel nor abort the file lock.
     */
    private <T> T locked(final Supplier<T> body) {
        return LedgerIo.call(() -> lockedInPlace(body));
    }

    private <T> T lockedInPlace(final Supplier<T> body) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return body.get();
            }
            // The lock file is opened and closed only while holding the in-JVM lock: closing any channel of a
            // file releases every lock this JVM holds on it.
            if (readOnly) {
                return sharedLocked(body);
            }
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock fileLock = lockChannel.lock()) {
                return body.get();
            } catch (IOException e) {
                throw new ReleaseLedgerException("Cannot lock the ledger " + directory + " (" + lockFile + "): "
                        + describe(e) + ".", e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A reader takes the lock file shared when it can open it, so that it never sees half an append; a ledger whose
     * lock file is missing or not readable (a read-only copy) is read without it, and a torn tail is not read.
     */
    private <T> T sharedLocked(final Supplier<T> body) {
        FileChannel lockChannel;
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.READ);
        } catch (IOException e) {
            return body.get();
        }
        try (lockChannel; FileLock fileLock = lockChannel.lock(0, Long.MAX_VALUE, true)) {
            return body.get();
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot lock the ledger " + directory + " (" + lockFile + ") for "
                    + "reading: " + describe(e) + ".", e);
        }
    }

    /**
     * The size up to which the journal is read: all of it, less a torn last line a crashed writer left (which a
     * writer sets aside on its next use and a reader leaves where it is, saying so once).
     */
    private long readableSize() throws IOException {
        long size = channel.size();
        long torn = tornTailStart(size);
        if (torn < 0) {
            return size;
        }
        if (readOnly && !tornTailNoted) {
            tornTailNoted = true;
            notes.warning("The ledger journal %s ends with an incomplete event (%d bytes, a write interrupted by a "
                    + "crash). It was not read; the next command that records an event sets it aside.", file,
                    size - torn);
        }
        return torn;
    }

    private void readToEnd() {
        parsedTail = null;
        if (damage != null) {
            throw damage;
        }
        HighWaterMark mark = readMark(); // before the journal: a writer moves the journal first, then the mark
        try {
            long size = readableSize();
            if (size < position) {
                throw damaged(lastSequence, lastSequence, "the journal is shorter (" + size + " bytes) than the "
                        + position + " bytes already read: it was truncated or replaced");
            }
            JournalChain chain = new JournalChain(application, keys, lastSequence, lastHash, lastKeyId);
            JournalLines reader = new JournalLines(channel, position, size, MAX_LINE);
            String line;
            while ((line = reader.next()) != null) {
                LedgerEvent event = chain.next(line);
                if (event == null) {
                    throw damaged(lastSequence + 1, chain.getProblemSequence(), chain.getProblem());
                }
                String replaced = mark == null ? null
                        : mark.otherEvent(event.getSequence(), event.getHash(), keys.getSealedLedgers());
                if (replaced != null) {
                    throw damaged(lastSequence + 1, event.getSequence(), replaced);
                }
                position = reader.getPosition();
                lastSequence = event.getSequence();
                lastHash = event.getHash();
                lastKeyId = chain.getKeyId();
                follower.accept(event);
            }
            if (reader.hasIncompleteTail()) {
                throw damaged(lastSequence + 1, lastSequence + 1, "the last line has no newline at its end and does "
                        + "not look like an interrupted write of an event");
            }
            String behind = mark == null ? null : mark.behind(lastSequence, keys.getSealedLedgers(), directory);
            if (behind != null) {
                throw damaged(lastSequence + 1, lastSequence + 1, behind);
            }
        } catch (IOException e) {
            throw ioFailure("read", e);
        } catch (JournalLines.TooLong e) {
            throw damaged(lastSequence + 1, lastSequence + 1, "the line is longer than " + MAX_LINE + " bytes");
        }
    }

    /** The damage the last catch-up or append found (what {@link #catchUp()} throws), or {@code null}. */
    Verification getDamage() {
        return damageFound;
    }

    private ReleaseLedgerException damaged(final long line, final long sequence, final String problem) {
        damageFound = Verification.broken(lastSequence, line, sequence, problem);
        damage = new ReleaseLedgerException("The ledger journal " + file + " is damaged at line " + line
                + " (sequence " + sequence + "): " + problem + ". Nothing was changed, and the ledger refuses to "
                + "record events until an operator looks: run verify, then restore " + file + " from a backup.");
        return damage;
    }

    /**
     * Sets aside a torn last line: one without its newline, or one that is not valid JSON, provided it looks
     * like the start of an event (or is only NUL bytes) so that a foreign file is reported rather than cut.
     */
    private void recoverTornLine() {
        if (readOnly) {
            return;
        }
        try {
            long size = channel.size();
            long start = tornTailStart(size);
            if (start < 0) {
                return;
            }
            long end = readByte(size - 1) == '\n' ? size - 1 : size;
            Path torn = setAside(read(start, (int) (end - start)));
            channel.truncate(start);
            channel.force(true);
            notes.warning("The ledger journal %s ended with an incomplete event (%d bytes, a write interrupted by a "
                    + "crash). It was moved to %s and the journal now ends with its last complete event.", file,
                    size - start, torn.getFileName());
        } catch (IOException e) {
            throw ioFailure("repair the end of", e);
        }
    }

    /** Where a torn last line starts (see {@link #recoverTornLine()}), or -1 when the journal ends with an event. */
    private long tornTailStart(final long size) throws IOException {
        if (size == 0 || size <= position) {
            return -1;
        }
        boolean complete = readByte(size - 1) == '\n';
        long end = complete ? size - 1 : size;
        long start = lineStart(end);
        if (start < position || end - start > MAX_LINE) {
            return -1;
        }
        byte[] tail = read(start, (int) (end - start));
        if (!looksLikeEventStart(tail) || complete && isJson(start, tail)) {
            return -1;
        }
        return start;
    }

    /** A line, its text and its JSON object. */
    private static final class ParsedLine {
        private final long start;
        private final byte[] bytes;
        private final String text;
        private final Map<String, Object> json;

        ParsedLine(final long start, final byte[] bytes, final String text, final Map<String, Object> json) {
            this.start = start;
            this.bytes = bytes;
            this.text = text;
            this.json = json;
        }
    }

    private Path setAside(final byte[] tail) throws IOException {
        String name = TORN_PREFIX + TORN_TIME.format(Instant.now());
        Path torn = directory.resolve(name);
        for (int i = 2; Files.exists(torn); i++) {
            torn = directory.resolve(name + "-" + i);
        }
        try (FileChannel out = FileChannel.open(torn, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(tail);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Not every platform can sync a directory; the file itself is on disk.
        }
        return torn;
    }

    private static boolean looksLikeEventStart(final byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        boolean zeros = true;
        for (byte b : bytes) {
            zeros &= b == 0;
        }
        if (zeros) {
            return true;
        }
        for (int i = 0; i < Math.min(bytes.length, EVENT_START.length); i++) {
            if (bytes[i] != EVENT_START[i]) {
                return false;
            }
        }
        return true;
    }

    // Kept while the journal opens (position 0), where the checkpoint's check reads the same last line next.
    private boolean isJson(final long start, final byte[] bytes) {
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            Map<String, Object> json = Json.parseObject(text);
            parsedTail = position == 0 ? new ParsedLine(start, bytes, text, json) : null;
            return true;
        } catch (ReleaseLedgerException e) {
            return false;
        }
    }

    /** The offset just after the newline before {@code end} (exclusive), or 0. */
    private long lineStart(final long end) throws IOException {
        long at = end;
        byte[] bytes = new byte[8192]; // one buffer for the whole scan back (a line may be megabytes long)
        while (at > 0) {
            int length = (int) Math.min(bytes.length, at);
            readInto(bytes, at - length, length);
            for (int i = length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return at - length + i + 1;
                }
            }
            at -= length;
        }
        return 0;
    }

    private int readByte(final long offset) throws IOException {
        return read(offset, 1)[0];
    }

    private byte[] readLineBytes(final long offset, final long length) throws IOException {
        if (length > MAX_LINE) {
            throw new IOException("line longer than " + MAX_LINE + " bytes");
        }
        return read(offset, (int) length);
    }

    // In slices: the JDK reads into a heap buffer through a direct buffer as large as what is left to read, which for a
    // line of megabytes would be allocated (and zeroed) afresh each time; a slice's is reused.
    private byte[] read(final long offset, final int length) throws IOException {
        byte[] bytes = new byte[length];
        readInto(bytes, offset, length);
        return bytes;
    }

    /** Reads {@code length} bytes at {@code offset} into the start of {@code bytes}. */
    private void readInto(final byte[] bytes, final long offset, final int length) throws IOException {
        int done = 0;
        while (done < length) {
            ByteBuffer slice = ByteBuffer.wrap(bytes, done, Math.min(READ_SLICE, length - done));
            while (slice.hasRemaining()) {
                int n = channel.read(slice, offset + slice.position());
                if (n < 0) {
                    throw new IOException("unexpected end of " + file);
                }
            }
            done = slice.position();
        }
    }

    private ReleaseLedgerException ioFailure(final String what, final IOException e) {
        return new ReleaseLedgerException("Cannot " + what + " the ledger journal " + file + ": " + describe(e)
                + ".", e);
    }

    /** A short reason for people: permission denied, disk full, or the system's message. */
    static String describe(final IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        if (message.contains("No space left on device")) {
            return "the disk is full (no space left on device)";
        }
        return message;
    }
}
