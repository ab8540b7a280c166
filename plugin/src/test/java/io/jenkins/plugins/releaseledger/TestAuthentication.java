package io.jenkins.plugins.releaseledger;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A signed-in user for tests of the Jenkins side; no Spring machinery behind it. */
final class TestAuthentication implements Authentication {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> groups;

    TestAuthentication(final String name, final String... groups) {
        this.name = name;
        this.groups = List.of(groups);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return groups.stream().map(group -> (GrantedAuthority) () -> group).toList();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getDetails() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public void setAuthenticated(final boolean authenticated) {
        throw new IllegalArgumentException("fixed in tests");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
