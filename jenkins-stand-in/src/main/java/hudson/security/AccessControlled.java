package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    @NonNull ACL getACL();

    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("stand-in");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("stand-in");
    }
}
