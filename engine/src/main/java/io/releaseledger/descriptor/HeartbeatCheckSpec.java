package io.releaseledger.descriptor;

import java.time.Duration;

/**
 * Something a scheduled job updates must be newer than {@link #getMaxAge()}: a URL whose body (or the value at a
 * JSON Pointer in it) is a timestamp, or a file's modification time or contents.
 */
public final class HeartbeatCheckSpec implements HealthCheckSpec {
    /** Where the file check reads the time from. */
    public enum FileTime { MODIFIED, CONTENTS }

    private final String url;
    private final String file;
    private final String pointer;
    private final FileTime fileTime;
    private final Duration maxAge;
    private final CheckOptions options;

    HeartbeatCheckSpec(final String url, final String file, final String pointer, final FileTime fileTime,
            final Duration maxAge, final CheckOptions options) {
        this.url = url;
        this.file = file;
        this.pointer = pointer;
        this.fileTime = fileTime;
        this.maxAge = maxAge;
        this.options = options;
    }

    @Override
    public Type getType() {
        return Type.HEARTBEAT;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }

    /** The URL to read, or {@code null} for a file. */
    public String getUrl() {
        return url;
    }

    /** The file to read, or {@code null} for a URL. */
    public String getFile() {
        return file;
    }

    /** JSON Pointer to the timestamp in the body or file, or {@code null} for the whole text. */
    public String getPointer() {
        return pointer;
    }

    /** For a file: its modification time (default) or the timestamp it contains. */
    public FileTime getFileTime() {
        return fileTime;
    }

    public Duration getMaxAge() {
        return maxAge;
    }
}
