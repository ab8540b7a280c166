package org.jenkinsci.plugins.authorizeproject.strategy;

import org.jenkinsci.plugins.authorizeproject.AuthorizeProjectStrategy;

public class SpecificUsersAuthorizationStrategy extends AuthorizeProjectStrategy {
    public SpecificUsersAuthorizationStrategy(String userid) {
        throw new UnsupportedOperationException("stand-in");
    }
}
