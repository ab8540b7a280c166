package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException("stand-in");
    }

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("stand-in");
    }

    public class Grant {
        public GrantOn everywhere() {
            throw new UnsupportedOperationException("stand-in");
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException("stand-in");
        }

        public class GrantOn {
            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException("stand-in");
            }

            public MockAuthorizationStrategy toEveryone() {
                throw new UnsupportedOperationException("stand-in");
            }
        }
    }
}
