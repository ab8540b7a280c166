package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Takes the ledger's lock of one environment for a deploy: waits (bounded) while another deploy holds it, and takes
 * over a lock whose holder is gone: a process on this machine that no longer lives ({@link LockHolder}: its host, pid,
 * start time and identity are written in the lock's purpose), or a lock older than the lease.
 */
final class EnvironmentLock {
    private final Ledger ledger;
    private final String environment;
    private final Actor actor;
    private final Origin origin;
    private final Messages messages;
    private String lockId;
    private String takenOverLockId;

    EnvironmentLock(final Ledger ledger, final String environment, final Actor actor, final Origin origin,
            final Messages messages) {
        this.ledger = ledger;
        this.environment = environment;
        this.actor = actor;
        this.origin = origin;
        this.messages = messages;
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static String purpose(final String what) {
        return LockHolder.describe(what);
    }

    /**
     * @return the lock id
     * @throws DeploymentException when the lock is still held after {@code timeout}
     */
    String acquire(final String version, final String what, final Duration timeout, final Duration lease) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean waiting = false;
        while (true) {
            LockResult result = ledger.lock(environment, version, purpose(what), actor, origin);
            if (result.isAcquired()) {
                lockId = result.getLockId();
                return lockId;
            }
            Map<String, Object> holder = result.getHeldBy();
            if (staleReason(holder, lease) != null) {
                // Judge the lock whose id is taken over, read together with that id: the holder seen a moment ago
                // may have been taken over by another process meanwhile, whose lock is not stale.
                LedgerEvent held = DeployHistory.read(ledger, environment).heldLock();
                String stale = held == null ? null : staleReason(holder(held), lease);
                if (stale != null) {
                    String heldId = (String) held.getData().get("lockId");
                    // Release and relock in one step: of several processes taking over, exactly one wins and
                    // reconciles; the others find the winner's (live) lock and wait.
                    LockResult taken = ledger.takeOver(environment, heldId, version, purpose(what), actor, origin);
                    if (taken.isAcquired()) {
                        messages.warning("Environment %s: taking over the lock held by %s, because %s", environment,
                                describe(holder(held)), stale);
                        takenOverLockId = heldId;
                        lockId = taken.getLockId();
                        return lockId;
                    }
                }
                continue;
            }
            if (System.nanoTime() >= deadline) {
                throw new DeploymentException("Environment " + environment + " is locked by another deploy: "
                        + describe(holder) + ". Waited " + timeout.toSeconds() + " s; try again when it has finished.");
            }
            if (!waiting) {
                messages.info("Environment %s is locked by %s; waiting up to %d s", environment, describe(holder),
                        timeout.toSeconds());
                waiting = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("Interrupted while waiting for the lock of " + environment + ".", e);
            }
        }
    }

    /** The lock id of a dead holder whose lock was taken over, {@code null} when none was. */
    String getTakenOverLockId() {
        return takenOverLockId;
    }

    /** Releases the lock; a failure is reported loudly but does not hide the operation's own outcome. */
    void release() {
        if (lockId == null) {
            return;
        }
        try {
            ledger.unlock(environment, lockId, actor, origin);
        } catch (RuntimeException e) {
            messages.error("Environment %s: the lock %s could not be released (%s); the next deploy takes it over "
                    + "once this process has ended", environment, lockId, e.getMessage());
        }
        lockId = null;
    }

    static String staleReason(final Map<String, Object> holder, final Duration lease) {
        Object purpose = holder.get("purpose");
        String gone = purpose instanceof String ? LockHolder.goneReason((String) purpose) : null;
        if (gone != null) {
            return gone;
        }
        Object since = holder.get("since");
        if (since instanceof String && lease != null) {
            try {
                Instant taken = Instant.parse((String) since);
                if (taken.plus(lease).isBefore(Instant.now())) {
                    return "it is older than the lease of " + lease.toMinutes() + " min (taken " + since + ")";
                }
            } catch (RuntimeException unparsable) {
                // not a time: no lease check
            }
        }
        return null;
    }

    private static Map<String, Object> holder(final LedgerEvent locked) {
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("version", locked.getData().get("version"));
        holder.put("since", locked.getTime() == null ? null : locked.getTime().toString());
        holder.put("purpose", locked.getData().get("purpose"));
        return holder;
    }

    private static String describe(final Map<String, Object> holder) {
        return "version " + holder.get("version") + " since " + holder.get("since") + " (" + holder.get("purpose") + ")";
    }
}
