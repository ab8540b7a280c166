package hudson;

public class Functions {
    public static boolean isWindows() {
        throw new UnsupportedOperationException("stand-in");
    }
}
