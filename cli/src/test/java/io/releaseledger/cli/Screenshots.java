package io.releaseledger.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the browser tests' screenshots go: always {@code target/screenshots} of the module, and the pictures the docs
 * show also to {@code docs/images} of the checkout, but only with {@code -Drelease-ledger.writeScreenshots=true}, so
 * that an ordinary test run leaves those tracked files alone (README, "Refreshing the screenshots").
 */
final class Screenshots {
    /** The system property that lets {@link #saveForDocs} write into {@code docs/images}. */
    static final String WRITE_DOCS_PROPERTY = "release-ledger.writeScreenshots";

    private final Path target;
    private final Path docs;
    private final boolean writeDocs;

    Screenshots(final Path moduleDirectory, final boolean writeDocs) {
        this.target = moduleDirectory.resolve("target").resolve("screenshots");
        this.docs = moduleDirectory.toAbsolutePath().normalize().resolveSibling("docs").resolve("images");
        this.writeDocs = writeDocs;
    }

    /** Of this run: the module is Maven's {@code basedir} (else the working directory). */
    static Screenshots of(final Properties properties) {
        return new Screenshots(Path.of(properties.getProperty("basedir", ".")),
                Boolean.parseBoolean(properties.getProperty(WRITE_DOCS_PROPERTY)));
    }

    static Screenshots ofThisRun() {
        return of(System.getProperties());
    }

    /** A screenshot only for whoever looks into {@code target/screenshots}. */
    Path save(final String name, final byte[] png) {
        return write(target, name, png);
    }

    /** A screenshot the docs show: into {@code target/screenshots}, and into {@code docs/images} when asked to. */
    Path saveForDocs(final String name, final byte[] png) {
        Path saved = save(name, png);
        if (writeDocs) {
            write(docs, name, png);
        }
        return saved;
    }

    private static Path write(final Path directory, final String name, final byte[] png) {
        try {
            Files.createDirectories(directory);
            return Files.write(directory.resolve(name), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
