package io.jenkins.plugins.releaseledger;

import java.util.List;

/**
 * What the controller knows when a job asks for an application's ledger: the job, what its first record would claim
 * (the job, or the multibranch project it is a branch of), the owners an administrator configured for the application
 * ({@code null}: none configured) and the folders above the job whose property declares the application.
 * Jenkins-free: {@link JenkinsFacade#access} gathers it.
 */
final class LedgerAccess {
    private final String job;
    private final String claimScope;
    private final List<String> configuredOwners;
    private final List<String> declaringFolders;

    LedgerAccess(final String job, final String claimScope, final List<String> configuredOwners,
            final List<String> declaringFolders) {
        this.job = job;
        this.claimScope = claimScope;
        this.configuredOwners = configuredOwners == null || configuredOwners.isEmpty() ? null : List.copyOf(configuredOwners);
        this.declaringFolders = List.copyOf(declaringFolders);
    }

    /** A job with no configured policy, outside any declaring folder, claiming for itself. */
    static LedgerAccess job(final String job) {
        return new LedgerAccess(job, job, null, List.of());
    }

    String getJob() {
        return job;
    }

    String getClaimScope() {
        return claimScope;
    }

    /** The configured owner patterns; {@code null} when the administrator named none for the application. */
    List<String> getConfiguredOwners() {
        return configuredOwners;
    }

    List<String> getDeclaringFolders() {
        return declaringFolders;
    }
}
