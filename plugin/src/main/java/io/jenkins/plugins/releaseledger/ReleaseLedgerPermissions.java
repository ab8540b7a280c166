package io.jenkins.plugins.releaseledger;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;

/**
 * The plugin's permissions, granted per job or folder (e.g. with Matrix Authorization): deploying to a protected
 * environment, clearing a bad mark, unlocking an environment left locked, rolling back from the Releases page,
 * approving releases and overriding freeze windows. Administrators have them all.
 */
public final class ReleaseLedgerPermissions {
    public static final PermissionGroup GROUP = new PermissionGroup(ReleaseLedgerPermissions.class, PermissionTexts.group());

    public static final Permission DEPLOY_PROTECTED = new Permission(GROUP, "DeployProtected",
            PermissionTexts.deployProtected(), Jenkins.ADMINISTER, PermissionScope.ITEM);

    public static final Permission CLEAR_BAD = new Permission(GROUP, "ClearBad", PermissionTexts.clearBad(),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    /** Releasing an environment's lock whatever holds it (audited); implied by Administer. */
    public static final Permission UNLOCK = new Permission(GROUP, "Unlock", PermissionTexts.unlock(),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    /**
     * Starting the job from the Releases page to roll an environment back (the job's rollback step does the work, with
     * the job's credentials on its agent, and needs DeployProtected there as any build would); implied by Administer.
     */
    public static final Permission ROLLBACK = new Permission(GROUP, "Rollback", PermissionTexts.rollback(),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    /** Approving or rejecting a release an environment's approval rule holds back; implied by Administer. */
    public static final Permission APPROVE = new Permission(GROUP, "Approve", PermissionTexts.approve(),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    /** Deploying or promoting inside a freeze window with a reason (recorded); implied by Administer. */
    public static final Permission OVERRIDE_FREEZE = new Permission(GROUP, "OverrideFreeze",
            PermissionTexts.overrideFreeze(), Jenkins.ADMINISTER, PermissionScope.ITEM);

    private ReleaseLedgerPermissions() {
    }

    /** Loads this class before the security configuration is read, so that authorization strategies list the permissions. */
    @Initializer(before = InitMilestone.SYSTEM_CONFIG_LOADED)
    public static void register() {
        // the static fields above are initialized by now
    }
}
