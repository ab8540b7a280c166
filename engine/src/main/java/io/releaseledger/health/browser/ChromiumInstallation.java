package io.releaseledger.health.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Chromium and chromedriver are: the paths in {@value #CHROMIUM_VARIABLE} and {@value #CHROMEDRIVER_VARIABLE}
 * when set, else {@code chromium} and {@code chromedriver} on {@code PATH}, else {@code /usr/bin} (Debian's
 * {@code chromium} and {@code chromium-driver} packages).
 */
public final class ChromiumInstallation {
    public static final String CHROMIUM_VARIABLE = "RELEASE_LEDGER_CHROMIUM";
    public static final String CHROMEDRIVER_VARIABLE = "RELEASE_LEDGER_CHROMEDRIVER";
    private static final Path USR_BIN = Path.of("/usr/bin");

    private final Path chromium;
    private final Path chromedriver;

    public ChromiumInstallation(final Path chromium, final Path chromedriver) {
        this.chromium = Objects.requireNonNull(chromium, "chromium");
        this.chromedriver = Objects.requireNonNull(chromedriver, "chromedriver");
    }

    /**
     * Finds both programs in this environment.
     *
     * @param environment the process environment, such as {@code System.getenv()}
     * @throws ChromiumNotFoundException when either is missing; a variable that names no executable is not
     *         overruled by {@code PATH}, because the user asked for that file
     */
    public static ChromiumInstallation find(final Map<String, String> environment) {
        return find(environment, USR_BIN);
    }

    /** {@link #find(Map)} with another last resort than {@code /usr/bin}, for tests. */
    static ChromiumInstallation find(final Map<String, String> environment, final Path lastResort) {
        Path chromium = locate(environment, CHROMIUM_VARIABLE, "chromium", lastResort);
        Path chromedriver = locate(environment, CHROMEDRIVER_VARIABLE, "chromedriver", lastResort);
        return new ChromiumInstallation(chromium, chromedriver);
    }

    private static Path locate(final Map<String, String> environment, final String variable, final String program,
            final Path lastResort) {
        String configured = environment.get(variable);
        if (configured != null && !configured.isBlank()) {
            Optional<Path> path = executable(configured.strip());
            return path.orElseThrow(() -> new ChromiumNotFoundException(
                    variable + "=" + configured.strip() + " is not an executable file"));
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                Optional<Path> path = executable(directory + File.separator + program);
                if (path.isPresent()) {
                    return path.get();
                }
            }
        }
        return executable(lastResort.resolve(program).toString()).orElseThrow(() -> new ChromiumNotFoundException(
                "no " + program + " on PATH or in " + lastResort + ", and " + variable + " is not set"));
    }

    private static Optional<Path> executable(final String name) {
        try {
            Path path = Path.of(name);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    public Path getChromium() {
        return chromium;
    }

    public Path getChromedriver() {
        return chromedriver;
    }

    @Override
    public String toString() {
        return chromium + " with " + chromedriver;
    }
}
