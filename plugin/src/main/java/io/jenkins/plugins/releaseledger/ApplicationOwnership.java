package io.jenkins.plugins.releaseledger;

import java.util.List;

/**
 * Whether a job owns an application's ledger (may append to it, read it, clear its bad marks). In this order:
 * <ol>
 * <li>owners configured by the administrator for the application (global configuration) decide alone;</li>
 * <li>else a folder above the job that declares the application (folder property) makes it an owner, unless the
 * ledger was first recorded by a job outside that folder;</li>
 * <li>else the first job to record claims the application (a branch claims its multibranch project), and the claim
 * is kept in {@code jobs.json}; a ledger with events but no recorded claim belongs to nobody until configured.</li>
 * </ol>
 * Jenkins-free.
 */
final class ApplicationOwnership {
    static final String GLOBAL_SETTING = "Manage Jenkins » System » Release Ledger » Applications "
            + "(JCasC: unclassified.releaseLedger.applications[].owners)";
    static final String FOLDER_SETTING = "the folder property 'Release Ledger applications' "
            + "(JCasC and Job DSL symbol: releaseLedgerApplications)";

    private final String refusal;
    private final boolean claim;

    private ApplicationOwnership(final String refusal, final boolean claim) {
        this.refusal = refusal;
        this.claim = claim;
    }

    /**
     * @param claims    who claimed the application so far (job or project full names); empty when nobody did
     * @param hasEvents whether the application's ledger holds any event
     */
    static ApplicationOwnership decide(final String application, final LedgerAccess access, final List<String> claims,
            final boolean hasEvents) {
        String job = access.getJob();
        boolean unclaimed = claims.isEmpty() && !hasEvents;
        List<String> owners = access.getConfiguredOwners();
        if (owners != null) {
            for (String owner : owners) {
                if (OwnerPattern.matches(owner, job)) {
                    return new ApplicationOwnership(null, unclaimed);
                }
            }
            return refused("The job '" + job + "' does not own the application '" + application + "': only the owners "
                    + "configured for it may use its ledger. Add this job or its folder to the owners of '" + application
                    + "' in " + GLOBAL_SETTING + ".");
        }
        for (String folder : access.getDeclaringFolders()) {
            if (unclaimed || !claims.isEmpty() && claims.stream().allMatch(claimant -> OwnerPattern.matches(folder, claimant))) {
                return new ApplicationOwnership(null, unclaimed);
            }
        }
        if (!access.getDeclaringFolders().isEmpty()) {
            return refused("The job '" + job + "' does not own the application '" + application + "': its folder '"
                    + access.getDeclaringFolders().get(0) + "' declares it, but the ledger was first recorded by a job "
                    + "outside that folder. Name the owners of '" + application + "' in " + GLOBAL_SETTING + ".");
        }
        if (unclaimed) {
            return new ApplicationOwnership(null, true);
        }
        for (String claimant : claims) {
            if (OwnerPattern.matches(claimant, job)) {
                return new ApplicationOwnership(null, false);
            }
        }
        if (claims.isEmpty()) {
            return refused("The ledger of the application '" + application + "' has events but no recorded owner "
                    + "(release-ledger/jobs.json was lost or set aside). Name its owners in " + GLOBAL_SETTING + ".");
        }
        return refused("The job '" + job + "' does not own the application '" + application + "': its ledger belongs "
                + "to the job or multibranch project that recorded in it first. To share it, add this job to the owners "
                + "of '" + application + "' in " + GLOBAL_SETTING + ", or declare '" + application + "' in "
                + FOLDER_SETTING + " of a folder that holds both jobs.");
    }

    private static ApplicationOwnership refused(final String refusal) {
        return new ApplicationOwnership(refusal, false);
    }

    boolean isOwner() {
        return refusal == null;
    }

    /** Why the job is refused; {@code null} when it owns the application. */
    String getRefusal() {
        return refusal;
    }

    /** Whether a write by this job claims the (so far unclaimed) application. */
    boolean isClaim() {
        return claim;
    }
}
