package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

public class User {
    public String getId() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull String getFullName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull Authentication impersonate2() throws UsernameNotFoundException {
        throw new UnsupportedOperationException("stand-in");
    }

    public static @CheckForNull User current() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static @Nullable User getById(String id, boolean create) {
        throw new UnsupportedOperationException("stand-in");
    }
}
