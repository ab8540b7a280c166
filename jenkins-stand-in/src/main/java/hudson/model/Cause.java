package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public abstract class Cause {
    public static class UserIdCause extends Cause {
        public UserIdCause() {
            throw new UnsupportedOperationException("stand-in");
        }

        public UserIdCause(@CheckForNull String userId) {
            throw new UnsupportedOperationException("stand-in");
        }

        @CheckForNull
        public String getUserId() {
            throw new UnsupportedOperationException("stand-in");
        }

        public String getUserName() {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
