package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public abstract class Cause {
    public static class UserIdCause extends Cause {
        @CheckForNull
        public String getUserId() {
            throw new UnsupportedOperationException("stand-in");
        }

        public String getUserName() {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
