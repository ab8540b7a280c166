package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;

public class ExtensionList<T> {
    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stand-in");
    }
}
