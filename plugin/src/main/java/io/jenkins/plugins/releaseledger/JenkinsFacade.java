package io.jenkins.plugins.releaseledger;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Plugin;
import hudson.model.Cause;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.User;
import hudson.security.ACL;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Messages;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.mixin.ChangeRequestSCMHead;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The one place that asks Jenkins' singletons what the policy needs: who the running build is, who started it, the
 * job's permissions, SCM head, folders and the administrator's configuration. Tests replace it with a subclass.
 */
class JenkinsFacade {
    /**
     * The identity of the thread: inside a step, the build's identity. Core runs the build as its queue item's
     * authentication (Authorize Project decides it), Pipeline's CPS thread runs as the flow's authentication, and a
     * {@code SynchronousNonBlockingStepExecution} runs its body with the authentication captured at start.
     */
    Authentication getAuthentication() {
        return Jenkins.getAuthentication2();
    }

    /** Jenkins itself: what a build runs as when no authenticator (Authorize Project) says otherwise. */
    boolean isSystem(final Authentication authentication) {
        return ACL.SYSTEM2.equals(authentication) || ACL.SYSTEM2.getName().equals(authentication.getName());
    }

    /** The signed-in user's id; {@code User.getId()} may be {@code null}, then the authentication's name. */
    String getCurrentUserId() {
        User user = User.current();
        String id = user == null ? null : user.getId();
        return id != null ? id : getAuthentication().getName();
    }

    /** The display name of a user id, or the id when the user is unknown. */
    String getDisplayName(final String userId) {
        User user = User.getById(userId, false);
        return user == null ? userId : user.getFullName();
    }

    /** The groups (authorities) of an authentication, as the security realm names them. */
    List<String> getGroups(final Authentication authentication) {
        List<String> groups = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getAuthority() != null) {
                groups.add(authority.getAuthority());
            }
        }
        return groups;
    }

    /** The user of the build's {@code UserIdCause}; {@code null} when none. */
    @CheckForNull
    String getStarterId(final Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause == null ? null : cause.getUserId();
    }

    /** A user as the security realm knows them; {@code null} when unknown. */
    @CheckForNull
    Authentication impersonate(final String userId) {
        User user = User.getById(userId, false);
        if (user == null) {
            return null;
        }
        try {
            return user.impersonate2();
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    /** Whether the authentication has "Deploy to protected environments" on the build's job. */
    boolean mayDeployProtected(final Run<?, ?> run, final Authentication authentication) {
        return run.getParent().getACL().hasPermission2(authentication, ReleaseLedgerPermissions.DEPLOY_PROTECTED);
    }

    /** Whether the authentication has "Override freeze windows" on the build's job. */
    boolean mayOverrideFreeze(final Run<?, ?> run, final Authentication authentication) {
        return run.getParent().getACL().hasPermission2(authentication, ReleaseLedgerPermissions.OVERRIDE_FREEZE);
    }

    String getJobFullName(final Run<?, ?> run) {
        return run.getParent().getFullName();
    }

    int getBuildNumber(final Run<?, ?> run) {
        return run.getNumber();
    }

    /** The build's URL relative to the root URL; no request is in progress in a step, so it is never view-relative. */
    String getBuildUrl(final Run<?, ?> run) {
        return run.getUrl();
    }

    /**
     * Whether the build's job builds a change request: its SCM head ({@code SCMHead.HeadByItem}, set by multibranch
     * projects) is a {@link ChangeRequestSCMHead}. No variable of the build can undo it.
     */
    boolean isChangeRequest(final Run<?, ?> run) {
        return SCMHead.HeadByItem.findHead(run.getParent()) instanceof ChangeRequestSCMHead;
    }

    /** Why the build's job may not use the application's ledger; {@code null} when it owns it. */
    @CheckForNull
    String getOwnershipRefusal(final Run<?, ?> run, final String application) {
        return ReleaseLedgers.get().refusal(run.getParent(), application);
    }

    @CheckForNull
    String getRootUrl() {
        try {
            return Jenkins.get().getRootUrl();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    ReleaseLedgerConfiguration getConfiguration() {
        return ReleaseLedgerConfiguration.get();
    }

    /** The administrator's policy of the application; {@code null} when none is configured. */
    @CheckForNull
    ApplicationPolicy getApplicationPolicy(final String application) {
        return getConfiguration().application(application);
    }

    /** Whether the plugin {@code shortName} is installed and enabled in this session. */
    boolean isPluginActive(final String shortName) {
        Plugin plugin = Jenkins.get().getPlugin(shortName);
        return plugin != null && plugin.getWrapper() != null && plugin.getWrapper().isActive();
    }

    /** The webhooks and mail rules of the global configuration as a build's notifier, its secrets masked. */
    Notifier getNotifier(final Messages messages, final SecretMask mask) {
        return ReleaseLedgerNotifications.get().notifier(messages, mask);
    }

    /** What the ledger store needs to decide whether the job owns the application. */
    LedgerAccess access(final Job<?, ?> job, final String application) {
        String fullName = job.getFullName();
        // a branch of a multibranch project claims for the project, so that its other branches share the ledger
        String scope = SCMHead.HeadByItem.findHead(job) != null ? JobIndex.parentOrSelf(fullName) : fullName;
        ApplicationPolicy policy = getApplicationPolicy(application);
        return new LedgerAccess(fullName, scope, policy == null ? null : policy.ownerList(),
                foldersDeclaring(job, application));
    }

    /** Full names of the folders above the item whose property declares the application, nearest first. */
    List<String> foldersDeclaring(final Item item, final String application) {
        List<String> folders = new ArrayList<>();
        ItemGroup<?> parent = item.getParent();
        while (parent instanceof AbstractFolder<?> folder) {
            ReleaseLedgerFolderProperty property = folder.getProperties().get(ReleaseLedgerFolderProperty.class);
            if (property != null && property.applicationList().contains(application)) {
                folders.add(folder.getFullName());
            }
            parent = folder.getParent();
        }
        return folders;
    }
}
