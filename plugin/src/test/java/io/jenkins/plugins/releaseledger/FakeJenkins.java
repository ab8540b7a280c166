package io.jenkins.plugins.releaseledger;

import hudson.model.Run;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;

/** What a running build sees of Jenkins, set up by a test; the {@code Run} arguments are ignored (null in tests). */
final class FakeJenkins extends JenkinsFacade {
    static final Authentication SYSTEM = new TestAuthentication("SYSTEM");

    private Authentication current = SYSTEM;
    private String starter;
    private final Map<String, Authentication> users = new HashMap<>();
    private final Set<String> permitted = new HashSet<>();
    private final Set<String> overriders = new HashSet<>();
    private final Map<String, ApplicationPolicy> policies = new HashMap<>();
    private boolean changeRequest;
    private String ownershipRefusal;

    /** The identity the step's thread runs as. */
    FakeJenkins runningAs(final Authentication authentication) {
        this.current = authentication;
        return this;
    }

    FakeJenkins startedBy(final String userId) {
        this.starter = userId;
        return this;
    }

    FakeJenkins user(final Authentication authentication, final boolean mayDeployProtected) {
        users.put(authentication.getName(), authentication);
        if (mayDeployProtected) {
            permitted.add(authentication.getName());
        }
        return this;
    }

    /** The user has "Override freeze windows" on the job. */
    FakeJenkins mayOverrideFreeze(final String userId) {
        overriders.add(userId);
        return this;
    }

    FakeJenkins policy(final ApplicationPolicy policy) {
        policies.put(policy.getName(), policy);
        return this;
    }

    FakeJenkins changeRequest(final boolean changeRequest) {
        this.changeRequest = changeRequest;
        return this;
    }

    FakeJenkins notOwner(final String refusal) {
        this.ownershipRefusal = refusal;
        return this;
    }

    @Override
    Authentication getAuthentication() {
        return current;
    }

    @Override
    boolean isSystem(final Authentication authentication) {
        return authentication == SYSTEM;
    }

    @Override
    String getDisplayName(final String userId) {
        return userId.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + userId.substring(1);
    }

    @Override
    String getStarterId(final Run<?, ?> run) {
        return starter;
    }

    @Override
    Authentication impersonate(final String userId) {
        return users.get(userId);
    }

    @Override
    boolean mayDeployProtected(final Run<?, ?> run, final Authentication authentication) {
        return permitted.contains(authentication.getName());
    }

    @Override
    boolean mayOverrideFreeze(final Run<?, ?> run, final Authentication authentication) {
        return overriders.contains(authentication.getName());
    }

    @Override
    String getJobFullName(final Run<?, ?> run) {
        return "shop/main";
    }

    @Override
    int getBuildNumber(final Run<?, ?> run) {
        return 7;
    }

    @Override
    String getBuildUrl(final Run<?, ?> run) {
        return "job/shop/job/main/7/";
    }

    @Override
    boolean isChangeRequest(final Run<?, ?> run) {
        return changeRequest;
    }

    @Override
    String getRootUrl() {
        return "https://ci.example/";
    }

    @Override
    ApplicationPolicy getApplicationPolicy(final String application) {
        return policies.get(application);
    }

    @Override
    String getOwnershipRefusal(final Run<?, ?> run, final String application) {
        return ownershipRefusal;
    }
}
