package io.jenkins.plugins.releaseledger;

import java.io.IOException;

/**
 * Puts the CLI jar into a directory on the agent once and reuses it: a copy with the right name (its SHA-256) and
 * size is used as it is; otherwise the jar is copied to a unique temporary name and renamed into place, so
 * concurrent builds never start a half-written jar and a broken copy is replaced.
 */
final class AgentJarInstall {
    /** The few file operations on the agent, with {@code FilePath}'s semantics (rename never replaces). */
    interface Directory {
        boolean exists(String name) throws IOException, InterruptedException;

        long length(String name) throws IOException, InterruptedException;

        /** Creates an empty file with a unique name; returns the name. */
        String createTempFile(String prefix, String suffix) throws IOException, InterruptedException;

        void copyJarTo(String name) throws IOException, InterruptedException;

        /** Fails when {@code to} exists. */
        void rename(String from, String to) throws IOException, InterruptedException;

        void delete(String name) throws IOException, InterruptedException;

        /** The file's text (UTF-8), or {@code null} when it holds more than {@code limit} bytes. */
        String read(String name, int limit) throws IOException, InterruptedException;
    }

    private AgentJarInstall() {
    }

    /** Makes sure {@code fileName} holds the jar ({@code size} bytes); returns whether this call copied it. */
    static boolean install(final Directory directory, final String fileName, final long size)
            throws IOException, InterruptedException {
        if (isWhole(directory, fileName, size)) {
            return false;
        }
        String partial = directory.createTempFile("release-ledger-cli-", ".part");
        try {
            directory.copyJarTo(partial);
            if (directory.exists(fileName) && directory.length(fileName) != size) {
                directory.delete(fileName); // broken (a disk that filled up): a rename does not replace it
            }
            directory.rename(partial, fileName);
            return true;
        } catch (IOException e) {
            if (!isWhole(directory, fileName, size)) {
                throw e;
            }
            return false; // another build renamed its copy into place first
        } finally {
            try {
                directory.delete(partial);
            } catch (IOException e) {
                // a stray .part file; the next install makes its own
            }
        }
    }

    private static boolean isWhole(final Directory directory, final String fileName, final long size)
            throws IOException, InterruptedException {
        return directory.exists(fileName) && directory.length(fileName) == size;
    }
}
