package io.jenkins.plugins.releaseledger;

import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/** The localizable texts of {@link ReleaseLedgerPermissions} ({@code PermissionTexts.properties}). Jenkins-free. */
final class PermissionTexts {
    private static final ResourceBundleHolder HOLDER = ResourceBundleHolder.get(PermissionTexts.class);

    private PermissionTexts() {
    }

    static Localizable group() {
        return new Localizable(HOLDER, "GroupTitle");
    }

    static Localizable deployProtected() {
        return new Localizable(HOLDER, "DeployProtectedDescription");
    }

    static Localizable clearBad() {
        return new Localizable(HOLDER, "ClearBadDescription");
    }

    static Localizable unlock() {
        return new Localizable(HOLDER, "UnlockDescription");
    }

    static Localizable rollback() {
        return new Localizable(HOLDER, "RollbackDescription");
    }

    static Localizable approve() {
        return new Localizable(HOLDER, "ApproveDescription");
    }

    static Localizable overrideFreeze() {
        return new Localizable(HOLDER, "OverrideFreezeDescription");
    }
}
