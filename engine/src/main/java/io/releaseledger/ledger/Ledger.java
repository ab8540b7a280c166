package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.report.Messages;
import io.releaseledger.report.PhaseTimings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The ledger of one application: its journal plus the read model kept up to date from it, restored from
 * {@code checkpoint.bin} on open. Safe for several threads; several processes may open the same ledger.
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.open(root, "shop")) {
 *     ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, actor, origin)
 *             .setEnvironment("staging").setData(Map.of("deploymentId", id, "version", "1.5.0")));
 *     Map<String, Object> state = ledger.view().state();
 * }
 * }</pre>
 */
public final class Ledger implements AutoCloseable {
    /** Events between two checkpoints written by appends and catch-ups. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 10_000;
    static final String JOURNAL_FILE = "events.jsonl";

    private final Object monitor = new Object();
    private final String application;
    private final Path directory;
    private final Messages notes;
    private final boolean readOnly;
    private final LedgerKeys keys;
    private Journal journal;
    /** Size and modification time of the journal when its whole chain was last checked or this ledger wrote. */
    private JournalStamp checkedStamp;
    private ReadModel model;
    private long checkpointSequence;
    private Verification damage;
    private long knownSequence;
    private String knownHash;
    private boolean allowChangeRequests;
    private List<String> environmentOrder = List.of();
    private int checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
    private Clock clock = Clock.systemUTC();

    private Ledger(final Path directory, final String application, final Messages notes, final boolean readOnly,
            final LedgerKeys keys) {
        this.keys = java.util.Objects.requireNonNull(keys, "keys");
        this.directory = directory;
        this.application = application;
        this.notes = notes;
        this.readOnly = readOnly;
    }

    /** Opens (creating when new) the ledger of an application under {@code root}. */
    public static Ledger open(final Path root, final String application) {
        return open(root, application, new Messages());
    }

    /**
     * Opens (creating when new) the ledger of an application under {@code root}, in the directory
     * {@code root/<application, percent-encoded>}; what it has to say (a checkpoint rebuilt, a torn line set
     * aside) goes to {@code notes}.
     *
     * A damaged journal does not stop the ledger from opening: see {@link #isDamaged()}.
     *
     * @throws ReleaseLedgerException when the directory or the journal cannot be created or read
     */
    public static Ledger open(final Path root, final String application, final Messages notes) {
        return open(root, application, notes, LedgerKeys.none());
    }

    /**
     * As {@link #open(Path, String, Messages)}, with the ledger keys that check the seals of the journal and the
     * checkpoint and seal what is written (see {@code docs/security.md}, "Ledger integrity"). The first event written
     * with a key new to the journal is preceded by a {@code ledger.key-rotated} event; a ledger sealed with a key is
     * refused to writers without one.
     */
    public static Ledger open(final Path root, final String application, final Messages notes,
            final LedgerKeys keys) {
        Path directory = root.resolve(ApplicationNames.encode(application));
        ApplicationNames.requireNotReserved(application);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot create the ledger directory " + directory + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check that it is writable.", e);
        }
        Ledger ledger = new Ledger(directory, application, notes, false, keys);
        ledger.load();
        return ledger;
    }

    /**
     * Refuses an application name no ledger can have: empty, longer than a directory name once encoded, or reserved
     * for a file kept next to the ledgers (the Jenkins plugin's {@code jobs.json}).
     *
     * @throws ReleaseLedgerException naming the problem and the fix
     */
    public static void checkApplicationName(final String application) {
        ApplicationNames.encode(application);
        ApplicationNames.requireNotReserved(application);
    }

    /**
     * Opens an existing ledger for reading only: nothing is created or written (no checkpoint, no torn line set
     * aside, no lock file), so a read-only ledger can be read and verified. Recording through it is refused.
     *
     * @throws ReleaseLedgerException when the ledger directory or its journal is missing, not what it should be,
     *         or cannot be read; the message says which
     */
    public static Ledger openForReading(final Path root, final String application, final Messages notes) {
        return openForReading(root, application, notes, LedgerKeys.none());
    }

    /** As {@link #openForReading(Path, String, Messages)}, checking seals with {@code keys}. */
    public static Ledger openForReading(final Path root, final String application, final Messages notes,
            final LedgerKeys keys) {
        Path directory = root.resolve(ApplicationNames.encode(application));
        Ledger ledger = new Ledger(directory, application, notes, true, keys);
        ledger.load();
        return ledger;
    }

    /**
     * Applications whose ledger directory is under {@code root} but whose journal is missing or is not a file (it
     * was deleted or replaced), sorted: {@link #applications} does not list them.
     */
    public static List<String> applicationsWithoutJournal(final Path root) {
        return ledgerDirectories(root, (entry, name) -> Files.isDirectory(entry)
                && !Files.isRegularFile(entry.resolve(JOURNAL_FILE)) && !ApplicationNames.isReserved(name));
    }

    /** The applications that have a ledger under {@code root}, sorted; empty when {@code root} does not exist. */
    public static List<String> applications(final Path root) {
        return ledgerDirectories(root, (entry, name) -> Files.isRegularFile(entry.resolve(JOURNAL_FILE)));
    }

    /** The decoded names of the entries under {@code root} that {@code accept} keeps, sorted. */
    private static List<String> ledgerDirectories(final Path root, final BiPredicate<Path, String> accept) {
        List<String> applications = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return applications;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = ApplicationNames.decode(entry.getFileName().toString());
                if (name != null && accept.test(entry, name)) {
                    applications.add(name);
                }
            }
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot list the ledgers in " + root + " (" + e.getMessage()
                    + "); check that the directory is readable.", e);
        }
        applications.sort(null);
        return applications;
    }

    /**
     * Gives every reader and writer of this ledger the verdict {@code verify} gives (an edit behind the checkpoint
     * included): restores the read model from the checkpoint when the journal's bytes behind it are unchanged;
     * otherwise checks the whole chain first, and rebuilds the read model from the journal, with a warning, when the
     * checkpoint does not match the intact journal.
     */
    private void load() {
        Checkpoint checkpoint = null;
        String problem = null;
        long started = PhaseTimings.start();
        try {
            checkpoint = LedgerIo.call(() -> {
                try {
                    return Checkpoint.read(directory, application, keys, neverSealed());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            problem = "it cannot be read (" + reason(e) + ")";
        }
        PhaseTimings.end("ledger open: read the checkpoint", started);
        model = new ReadModel();
        journal = Journal.open(directory, application, this::follow, notes, readOnly, keys);
        JournalStamp stamp = JournalStamp.of(journal.getFile());
        checkedStamp = stamp;
        started = PhaseTimings.start();
        if (checkpoint != null && restoreWhenUnchanged(checkpoint)) {
            PhaseTimings.end("ledger open: check the journal behind it", started);
            return;
        }
        Verification chain = journal.verify(0, Journal.ZERO_HASH, "");
        if (!chain.isIntact()) {
            readUntilDamage();
            damaged(chain);
            return;
        }
        if (checkpoint != null && chain.getEvents() == 0 && checkpoint.sequence > 0) {
            model = checkpoint.model;
            knownSequence = checkpoint.sequence;
            knownHash = checkpoint.hash;
            damaged(Verification.broken(0, 1, 1, "the journal is empty but the checkpoint "
                    + directory.resolve(Checkpoint.FILE) + " recorded " + checkpoint.sequence + " events: it was "
                    + "emptied or replaced"));
            return;
        }
        if (checkpoint != null) {
            try {
                journal.seek(checkpoint.offset, checkpoint.sequence, checkpoint.hash);
                model = checkpoint.model;
                checkpointSequence = checkpoint.sequence;
            } catch (ReleaseLedgerException e) {
                problem = checkpoint.sequence > chain.getEvents()
                        ? "it recorded " + checkpoint.sequence + " events and the journal, intact, holds "
                                + chain.getEvents() + ": the journal was restored from an older backup or cut short "
                                + "at a line boundary, and events " + (chain.getEvents() + 1) + " to "
                                + checkpoint.sequence + " are not in it (restore a newer backup if you have one)"
                        : "it does not match the journal, which is intact (its event " + checkpoint.sequence
                                + " is not the one the checkpoint recorded): the journal was restored from a backup "
                                + "or the checkpoint belongs to another ledger";
            }
        }
        catchUp();
        if (problem != null) {
            notes.warning("Ledger %s: the checkpoint %s was not used because %s; the read model was rebuilt "
                    + "from all %d events of the journal%s.", application, directory.resolve(Checkpoint.FILE),
                    problem, model.lastSequence, readOnly ? " (the checkpoint is rewritten the next time an event is "
                            + "recorded)" : " and the checkpoint rewritten");
        }
        if (damage == null && (problem != null || model.lastSequence - checkpointSequence >= checkpointInterval)) {
            writeCheckpoint();
        }
    }

    /**
     * Whether this ledger is known never to have been sealed: there is a list of sealed ledgers and it is not on it.
     * Only then may a reader holding keys use an unsealed checkpoint (a ledger written before it had a key).
     */
    private boolean neverSealed() throws IOException {
        SealedLedgerList list = keys.getSealedLedgers();
        if (list == null) {
            return keys.isEmpty();
        }
        return !Files.isDirectory(directory) || !list.contains(directory.toRealPath());
    }

    /**
     * The fast path: when the journal's bytes behind the checkpoint have the CRC the checkpoint recorded, they are the
     * bytes whose chain was checked when it was written; only the events after it are read (and checked link by
     * link). Returns whether the checkpoint was used.
     */
    private boolean restoreWhenUnchanged(final Checkpoint checkpoint) {
        Integer crc = journal.crcOfFirst(checkpoint.offset);
        if (crc == null || crc != checkpoint.journalCrc) {
            return false;
        }
        try {
            journal.seek(checkpoint.offset, checkpoint.sequence, checkpoint.hash);
        } catch (ReleaseLedgerException e) {
            return false;
        }
        model = checkpoint.model;
        checkpointSequence = checkpoint.sequence;
        catchUp();
        if (damage == null && model.lastSequence - checkpointSequence >= checkpointInterval) {
            writeCheckpoint();
        }
        return true;
    }

    /** Feeds the events before the damage to the read model; the damage itself is reported by the caller. */
    private void readUntilDamage() {
        try {
            journal.catchUp();
        } catch (ReleaseLedgerException e) {
            if (journal.getDamage() == null) {
                throw e;
            }
        }
    }

    /**
     * Checks the whole chain again when the journal changed in a way this ledger did not cause (an edit, a restore,
     * an append by another process): a long-lived ledger (the page server, the controller) then gives the same
     * verdict as {@code verify}.
     */
    private void recheckWhenChangedElsewhere() {
        if (damage != null) {
            return;
        }
        JournalStamp now = JournalStamp.of(journal.getFile());
        if (now != null && now.equals(checkedStamp)) {
            return;
        }
        Verification chain = journal.verify();
        checkedStamp = now;
        if (!chain.isIntact()) {
            damaged(chain);
        }
    }

    /** Reads what other processes appended; damage found there puts the ledger in its damaged state. */
    private void catchUp() {
        if (damage != null) {
            return;
        }
        try {
            journal.catchUp();
        } catch (ReleaseLedgerException e) {
            if (journal.getDamage() == null) {
                throw e;
            }
            damaged(journal.getDamage());
        }
    }

    private void damaged(final Verification found) {
        if (damage != null) {
            return;
        }
        damage = found;
        notes.error("%s", damageMessage());
    }

    private String damageMessage() {
        Path file = directory.resolve(JOURNAL_FILE);
        return "Ledger " + application + ": the journal " + file + " is damaged at line " + damage.getLine()
                + " (sequence " + damage.getSequence() + "): " + damage.getProblem() + ". The ledger shows what "
                + "was recorded before the damage and refuses to record events until an operator looks: run "
                + "`release-ledger verify`, then restore " + file + " from a backup.";
    }

    private void refuseWhenDamaged() {
        if (damage != null) {
            throw new ReleaseLedgerException(damageMessage());
        }
    }

    private void follow(final LedgerEvent event) {
        model.apply(event);
    }

    public String getApplication() {
        return application;
    }

    public Path getDirectory() {
        return directory;
    }

    /**
     * The secret key (base64) of the keyed hashes of deployed configuration values, made on first use and kept beside
     * the journal, never in it: see {@code docs/governance.md}.
     */
    public String configurationKey() {
        return ConfigurationKey.of(directory);
    }

    /** Whether builds of change requests may append deploy, lock, promotion, rollback and bad-release events. */
    public Ledger setAllowChangeRequests(final boolean allowChangeRequests) {
        this.allowChangeRequests = allowChangeRequests;
        return this;
    }

    /** The promotion order of environments (from the release descriptor); others follow as they appeared. */
    public Ledger setEnvironmentOrder(final List<String> environmentOrder) {
        this.environmentOrder = environmentOrder == null ? List.of() : List.copyOf(environmentOrder);
        return this;
    }

    /** Events between two checkpoints (at least 1); {@value #DEFAULT_CHECKPOINT_INTERVAL} by default. */
    public Ledger setCheckpointInterval(final int events) {
        this.checkpointInterval = Math.max(1, events);
        return this;
    }

    Ledger setClock(final Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Appends an event once it is on disk, after whatever other processes appended. Locks go through
     * {@link #lock} and {@link #unlock}, which check that the lock is free or held.
     *
     * @throws ReleaseLedgerException if a change request may not record this type, the type is a lock event,
     *         or the journal refuses (damaged: the message names file, line and sequence number; not
     *         writable)
     */
    public LedgerEvent append(final EventDraft draft) {
        if (EventTypes.ENVIRONMENT_LOCKED.equals(draft.getType())
                || EventTypes.ENVIRONMENT_UNLOCKED.equals(draft.getType())) {
            throw new ReleaseLedgerException("Ledger " + application + ": " + draft.getType()
                    + " events are recorded by lock and unlock, which check the lock atomically; not by append.");
        }
        return append(draft, () -> { });
    }

    /**
     * Seals {@code draft} now for the journal's end as it is (encoding, MAC and hash: for a release of many commits
     * most of an append's time), without recording it: {@link #append(SealedDraft)} records it later, its bytes
     * unchanged when nothing was appended meanwhile, else sealed again for the new end. Dropping it records nothing.
     * {@code tag} seals while git pushes the tag and records only once the push succeeded.
     *
     * @return the sealed event, or {@code null} when it cannot be sealed ahead (a change of ledger key is recorded
     *         first): {@link #append(EventDraft)} it then
     * @throws ReleaseLedgerException when {@link #append(EventDraft)} would refuse the draft
     */
    public SealedDraft seal(final EventDraft draft) {
        checkAppendable(draft);
        if (EventTypes.ENVIRONMENT_LOCKED.equals(draft.getType())
                || EventTypes.ENVIRONMENT_UNLOCKED.equals(draft.getType())) {
            throw new ReleaseLedgerException("Ledger " + application + ": " + draft.getType()
                    + " events are recorded by lock and unlock, which check the lock atomically; not by append.");
        }
        Journal open;
        synchronized (monitor) {
            recheckWhenChangedElsewhere();
            refuseWhenDamaged();
            open = journal;
        }
        if (open == null) {
            throw new ReleaseLedgerException("Ledger " + application + " is closed; nothing was sealed.");
        }
        // Sealed outside the monitor: the journal reads its end under its own lock, and the line is checked against
        // the end again when it is appended, so other calls on this ledger need not wait for the sealing.
        Journal.Sealed sealed;
        try {
            sealed = open.seal(draft);
        } catch (ReleaseLedgerException e) {
            synchronized (monitor) {
                if (open.getDamage() == null) {
                    throw e;
                }
                damaged(open.getDamage());
                throw new ReleaseLedgerException(damageMessage(), e);
            }
        }
        return sealed == null ? null : new SealedDraft(this, sealed);
    }

    /**
     * Appends an event {@link #seal sealed} by this ledger, as {@link #append(EventDraft)} appends its draft: the
     * bytes sealed then when the journal still ends where it did, else the draft sealed again.
     */
    public LedgerEvent append(final SealedDraft sealed) {
        if (sealed.getLedger() != this) {
            throw new IllegalArgumentException("the event was sealed for another ledger");
        }
        checkAppendable(sealed.getSealed().getDraft());
        return appendWith(journal -> journal.append(sealed.getSealed(), null));
    }

    private LedgerEvent append(final EventDraft draft, final Runnable checkUnderLock) {
        checkAppendable(draft);
        return appendWith(journal -> journal.append(draft, checkUnderLock));
    }

    private void checkAppendable(final EventDraft draft) {
        refuseChangeRequest(draft);
        Object application = draft.getData().get("application");
        if (application != null && !this.application.equals(application)) {
            throw new ReleaseLedgerException("Ledger " + this.application + ": refusing an event of application '"
                    + application + "'; record it in that application's ledger.");
        }
        if (readOnly) {
            throw new ReleaseLedgerException("Ledger " + application + " was opened for reading only; nothing was "
                    + "recorded.");
        }
    }

    private LedgerEvent appendWith(final Function<Journal, LedgerEvent> write) {
        synchronized (monitor) {
            recheckWhenChangedElsewhere();
            refuseWhenDamaged();
            LedgerEvent event;
            try {
                event = write.apply(journal);
                checkedStamp = JournalStamp.of(journal.getFile());
            } catch (ReleaseLedgerException e) {
                if (journal.getDamage() == null) {
                    throw e;
                }
                damaged(journal.getDamage());
                throw new ReleaseLedgerException(damageMessage(), e);
            }
            checkpointIfDue();
            return event;
        }
    }

    private void refuseChangeRequest(final EventDraft draft) {
        Origin origin = draft.getOrigin();
        if (!allowChangeRequests && origin.isChangeRequest()
                && EventTypes.isRestrictedForChangeRequests(draft.getType())) {
            throw new ReleaseLedgerException("Ledger " + application + ": " + origin
                    + " builds a change request, which may not record " + draft.getType()
                    + " events; the administrator can allow change requests to do so.");
        }
    }

    /**
     * Locks an environment unless a lock is held, atomically across threads and processes.
     *
     * @param version what is being deployed under the lock
     * @param purpose why, for people (may be {@code null})
     */
    public LockResult lock(final String environment, final String version, final String purpose, final Actor actor,
            final Origin origin) {
        requireEnvironment(environment);
        String lockId = UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lockId", lockId);
        data.put("version", version);
        data.put("purpose", purpose);
        EventDraft draft = new EventDraft(EventTypes.ENVIRONMENT_LOCKED, actor, origin).setEnvironment(environment)
                .setData(data);
        List<Map<String, Object>> holder = new ArrayList<>(1);
        try {
            append(draft, () -> {
                ReadModel.LockState held = heldLock(environment);
                if (held != null) {
                    holder.add(LedgerView.lockJson(model, held));
                    throw new ReleaseLedgerException("Environment " + environment + " is locked.");
                }
            });
        } catch (RuntimeException e) {
            if (holder.isEmpty()) {
                throw e;
            }
            return LockResult.refused(holder.get(0));
        }
        return LockResult.acquired(lockId);
    }

    /**
     * Releases a lock taken by {@link #lock}.
     *
     * @throws ReleaseLedgerException if the environment is not locked, or locked under another lock id
     */
    public void unlock(final String environment, final String lockId, final Actor actor, final Origin origin) {
        requireEnvironment(environment);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lockId", lockId);
        EventDraft draft = new EventDraft(EventTypes.ENVIRONMENT_UNLOCKED, actor, origin)
                .setEnvironment(environment).setData(data);
        append(draft, () -> {
            ReadModel.LockState held = heldLock(environment);
            if (held == null) {
                throw new ReleaseLedgerException("Ledger " + application + ": environment " + environment
                        + " is not locked, so lock " + lockId + " cannot be released.");
            }
            if (!held.lockId().equals(lockId)) {
                throw new ReleaseLedgerException("Ledger " + application + ": environment " + environment
                        + " is locked under another lock id (version " + held.version() + ", since "
                        + ReadModel.time(held.time()) + ", by " + model.actor(held.actor()).get("id")
                        + "); lock " + lockId + " is not held and was not released.");
            }
        });
    }

    /**
     * Releases whatever lock an environment holds, for an administrator whose environment stays locked (its deploy
     * cannot unlock it): records {@code environment.unlocked} with the lock id, {@code forced: true} and the reason,
     * naming who released it ({@code actor}, {@code origin}). A deploy that still holds the lock finds it gone when it
     * unlocks, which it reports.
     *
     * @return the lock id released
     * @throws ReleaseLedgerException without a reason, or when the environment is not locked
     */
    public String forceUnlock(final String environment, final String reason, final Actor actor, final Origin origin) {
        requireEnvironment(environment);
        if (reason == null || reason.isBlank()) {
            throw new ReleaseLedgerException("Ledger " + application + ": releasing the lock of " + environment
                    + " by force needs a reason, for the ledger's history.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lockId", null);
        data.put("forced", true);
        data.put("reason", reason.strip());
        EventDraft draft = new EventDraft(EventTypes.ENVIRONMENT_UNLOCKED, actor, origin).setEnvironment(environment)
                .setData(data);
        LedgerEvent event = append(draft, () -> {
            ReadModel.LockState held = heldLock(environment);
            if (held == null) {
                throw new ReleaseLedgerException("Ledger " + application + ": environment " + environment
                        + " is not locked; nothing to release.");
            }
            draft.getData().put("lockId", held.lockId()); // read under the journal's lock: exactly the lock held
        });
        return (String) event.getData().get("lockId");
    }

    /**
     * Takes over the lock {@code staleLockId} of an environment whose holder is gone: records its release and a new
     * lock in one step under the ledger's lock, so of several threads or processes taking over the same lock exactly
     * one succeeds; the others find it held by the winner (or free) and are refused.
     *
     * @return acquired with the new lock id; refused with the holder (empty when the environment is free) when
     *         {@code staleLockId} is no longer the lock held
     */
    public LockResult takeOver(final String environment, final String staleLockId, final String version,
            final String purpose, final Actor actor, final Origin origin) {
        return takeOver(environment, staleLockId, version, purpose, actor, origin, null);
    }

    /**
     * {@link #takeOver(String, String, String, String, Actor, Origin)} by an administrator, whatever the holder: the
     * release records {@code forced: true} and {@code reason} (not blank).
     */
    public LockResult takeOver(final String environment, final String staleLockId, final String version,
            final String purpose, final Actor actor, final Origin origin, final String forcedReason) {
        requireEnvironment(environment);
        Map<String, Object> released = new LinkedHashMap<>();
        released.put("lockId", staleLockId);
        if (forcedReason != null) {
            if (forcedReason.isBlank()) {
                throw new ReleaseLedgerException("Ledger " + application + ": taking over the lock of " + environment
                        + " by force needs a reason, for the ledger's history.");
            }
            released.put("forced", true);
            released.put("reason", forcedReason.strip());
        }
        EventDraft release = new EventDraft(EventTypes.ENVIRONMENT_UNLOCKED, actor, origin).setEnvironment(environment)
                .setData(released);
        refuseChangeRequest(release);
        String lockId = UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lockId", lockId);
        data.put("version", version);
        data.put("purpose", purpose);
        EventDraft draft = new EventDraft(EventTypes.ENVIRONMENT_LOCKED, actor, origin).setEnvironment(environment)
                .setData(data);
        List<Map<String, Object>> holder = new ArrayList<>(1);
        try {
            // The release is appended inside the lock's check: both are written while the journal's lock is held.
            append(draft, () -> {
                ReadModel.LockState held = heldLock(environment);
                if (held == null || !held.lockId().equals(staleLockId)) {
                    holder.add(held == null ? Map.of() : LedgerView.lockJson(model, held));
                    throw new ReleaseLedgerException("Lock " + staleLockId + " of " + environment + " is no longer held.");
                }
                journal.append(release, null);
            });
        } catch (RuntimeException e) {
            if (holder.isEmpty()) {
                throw e;
            }
            return LockResult.refused(holder.get(0));
        }
        return LockResult.acquired(lockId);
    }

    private ReadModel.LockState heldLock(final String environment) {
        int id = model.environments.find(environment);
        return id < 0 ? null : model.states.get(id).lock;
    }

    private static void requireEnvironment(final String environment) {
        if (environment == null || environment.isBlank()) {
            throw new ReleaseLedgerException("A lock needs an environment name.");
        }
    }

    /** Catches up with what other processes appended and returns the view the Releases API serves. */
    public LedgerView view() {
        synchronized (monitor) {
            catchUp();
            recheckWhenChangedElsewhere();
            checkpointIfDue();
            return new LedgerView(application, model, monitor, environmentOrder, clock, damage);
        }
    }

    /**
     * Feeds the events of one environment ({@code null}: every event, also those without an environment) to
     * {@code sink}, oldest first, after catching up with other processes. The journal is read again from its start
     * with every link checked, so this is for rare questions (a lock's holder, a past plan, a release's digest),
     * not for pages; {@link #view()} serves those.
     *
     * @throws ReleaseLedgerException when the journal cannot be read or a link no longer checks
     */
    public void forEachEvent(final String environment, final Consumer<LedgerEvent> sink) {
        long end;
        Path file;
        synchronized (monitor) {
            catchUp();
            end = journal.getPosition();
            file = journal.getFile();
        }
        LedgerIo.run(() -> new JournalReader(file, application, keys).read(end, event -> {
            if (environment == null || environment.equals(event.getEnvironment())) {
                sink.accept(event);
            }
        }));
    }

    /** The events {@link #forEachEvent} feeds, as a list. */
    public List<LedgerEvent> events(final String environment) {
        List<LedgerEvent> events = new ArrayList<>();
        forEachEvent(environment, events::add);
        return events;
    }

    /**
     * Checks the hash chain of the whole journal, and that it still holds the events this ledger read or its
     * checkpoint recorded. A damaged ledger stays damaged until it is opened again, so its damage is reported
     * even when the journal was restored meanwhile.
     */
    public Verification verify() {
        synchronized (monitor) {
            Verification verification = knownSequence > 0 ? journal.verify(knownSequence, knownHash,
                    "is recorded in the checkpoint " + directory.resolve(Checkpoint.FILE)) : journal.verify();
            if (damage == null && !verification.isIntact()) {
                damaged(verification); // from now on readers say damaged and writers refuse, as verify does
            }
            return verification.isIntact() && damage != null ? damage : verification;
        }
    }

    /**
     * Whether the journal is damaged (edited, truncated, reordered, replaced): the ledger then serves what was
     * recorded before the damage and refuses to record events.
     */
    public boolean isDamaged() {
        synchronized (monitor) {
            return damage != null;
        }
    }

    /** Where and how the journal is damaged: the first bad line, its sequence number and the problem; {@code null} when it is not. */
    public Verification getDamage() {
        synchronized (monitor) {
            return damage;
        }
    }

    private void checkpointIfDue() {
        if (!readOnly && damage == null && model.lastSequence - checkpointSequence >= checkpointInterval) {
            writeCheckpoint();
        }
    }

    private void writeCheckpoint() {
        if (readOnly) {
            return;
        }
        recheckWhenChangedElsewhere(); // the checkpoint vouches for the journal's bytes: never for an edit made since
        if (damage != null) {
            return;
        }
        try {
            long started = PhaseTimings.start();
            long offset = journal.getPosition();
            Integer crc = journal.crcOfFirst(offset);
            if (crc == null) {
                throw new ReleaseLedgerException("the journal is shorter than the events read: it was cut short");
            }
            PhaseTimings.end("ledger checkpoint: CRC of the journal", started);
            started = PhaseTimings.start();
            LedgerIo.run(() -> {
                try {
                    Checkpoint.write(directory, application, model, offset, crc, keys.getCurrent());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            PhaseTimings.end("ledger checkpoint: write", started);
            checkpointSequence = model.lastSequence;
        } catch (RuntimeException e) {
            notes.warning("Ledger %s: could not write the checkpoint %s (%s); the next open reads more of the "
                    + "journal.", application, directory.resolve(Checkpoint.FILE), reason(e));
            checkpointSequence = model.lastSequence;
        }
    }

    private static String reason(final RuntimeException e) {
        return e instanceof UncheckedIOException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }

    /** Writes a checkpoint when events arrived since the last one, and closes the journal. */
    @Override
    public void close() {
        synchronized (monitor) {
            if (journal == null) {
                return;
            }
            try {
                if (damage == null && model.lastSequence != checkpointSequence) {
                    writeCheckpoint();
                }
            } finally {
                journal.close();
                journal = null;
            }
        }
    }
}
