package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

@ExportedBean
public abstract class Cause {
    @Exported(visibility = 3)
    public abstract String getShortDescription();

    public static class UserIdCause extends Cause {
        public UserIdCause() {
            throw new UnsupportedOperationException("stand-in");
        }

        public UserIdCause(@CheckForNull String userId) {
            throw new UnsupportedOperationException("stand-in");
        }

        @Exported(visibility = 3)
        @CheckForNull
        public String getUserId() {
            throw new UnsupportedOperationException("stand-in");
        }

        @Exported(visibility = 3)
        public String getUserName() {
            throw new UnsupportedOperationException("stand-in");
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
