package io.jenkins.plugins.releaseledger;

import hudson.Extension;
import hudson.model.ManagementLink;
import io.releaseledger.ledger.LedgerKeys;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » Release Ledger key: an administrator rotates the controller's ledger key, or declares a key lost
 * (after {@code secrets/} was lost or restored from an older backup). Jenkins routes {@code /release-ledger-key/} to
 * this link without checking a permission, so every action checks {@link Jenkins#ADMINISTER} itself.
 */
@Extension
public final class LedgerKeyManagement extends ManagementLink {
    private final Runnable requireAdminister;
    private final Supplier<Path> jenkinsHome;
    private final Function<Path, LedgerKeys> keysOf;
    private final Runnable reload;

    public LedgerKeyManagement() {
        this(() -> Jenkins.get().checkPermission(Jenkins.ADMINISTER), () -> Jenkins.get().getRootDir().toPath(),
                LedgerKeySource::controllerKeys, () -> ReleaseLedgers.get().reloadKeys());
    }

    LedgerKeyManagement(final Runnable requireAdminister, final Supplier<Path> jenkinsHome,
            final Function<Path, LedgerKeys> keysOf, final Runnable reload) {
        this.requireAdminister = requireAdminister;
        this.jenkinsHome = jenkinsHome;
        this.keysOf = keysOf;
        this.reload = reload;
    }

    @Override
    public String getIconFileName() {
        return "symbol-key";
    }

    @Override
    public String getDisplayName() {
        return "Release Ledger key";
    }

    @Override
    public String getDescription() {
        return "Rotate the key that seals every ledger event, or declare a key lost.";
    }

    @Override
    public String getUrlName() {
        return "release-ledger-key";
    }

    /** The id of the key that seals new events (16 hex digits; the key itself never leaves {@code secrets/}). */
    public String getCurrentKeyId() {
        requireAdminister.run();
        return keysOf.apply(jenkinsHome.get()).getCurrent().getId();
    }

    public int getGeneration() {
        requireAdminister.run();
        return LedgerKeyGenerations.read(jenkinsHome.get()).getGeneration();
    }

    public List<String> getLostKeyIds() {
        requireAdminister.run();
        return LedgerKeyGenerations.read(jenkinsHome.get()).getLost();
    }

    @POST
    public void doRotate(final StaplerResponse2 response) throws IOException {
        rotate();
        response.sendRedirect(".");
    }

    @POST
    public void doDeclareLost(@QueryParameter final String keyId, @QueryParameter final boolean confirm,
            final StaplerResponse2 response) throws IOException {
        try {
            declareLost(keyId, confirm);
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        response.sendRedirect(".");
    }

    /** Adds a key generation: every ledger seals with it from its next event on. Returns the new key's id. */
    String rotate() {
        requireAdminister.run();
        Path home = jenkinsHome.get();
        synchronized (LedgerKeyManagement.class) {
            LedgerKeyGenerations.read(home).rotated().write(home);
        }
        reload.run();
        return keysOf.apply(home).getCurrent().getId();
    }

    /**
     * Declares {@code keyId} lost once the administrator confirmed it: events it sealed are read with their chain
     * checked and reported as not authenticated, and the next event each ledger records re-seals them with the
     * current key.
     *
     * @throws IllegalArgumentException when not confirmed, not a key id, or the key that seals now; nothing changed
     */
    void declareLost(final String keyId, final boolean confirm) {
        requireAdminister.run();
        if (!confirm) {
            throw new IllegalArgumentException("Declaring a ledger key lost needs the confirmation: nothing was changed.");
        }
        String id = keyId == null ? "" : keyId.strip();
        Path home = jenkinsHome.get();
        LedgerKeys keys = keysOf.apply(home).withLost(id); // refuses what is not a key id
        if (keys.getCurrent().getId().equals(id)) {
            throw new IllegalArgumentException("Key " + id + " is the key that seals now, not a lost one: nothing was "
                    + "changed. Rotate it instead if it may have been read.");
        }
        synchronized (LedgerKeyManagement.class) {
            LedgerKeyGenerations.read(home).withLost(id).write(home);
        }
        reload.run();
    }
}
