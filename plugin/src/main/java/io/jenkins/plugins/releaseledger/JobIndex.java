package io.jenkins.plugins.releaseledger;

import io.releaseledger.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which applications each job has recorded events for: job full name → applications, in the order the job first
 * touched them. Kept in memory so that the job's Releases action needs no I/O; persisted in {@code jobs.json} next to
 * the ledgers, written (atomically) only when a job touches a new application.
 */
final class JobIndex {
    static final String FILE_NAME = "jobs.json";
    private static final Logger LOGGER = Logger.getLogger(JobIndex.class.getName());
    private static final int FORMAT = 1;

    private final Path file;
    private final Map<String, List<String>> jobs;

    private JobIndex(final Path file, final Map<String, List<String>> jobs) {
        this.file = file;
        this.jobs = jobs;
    }

    /**
     * Reads the index; a missing file is an empty index. A file that cannot be read as an index is moved aside
     * ({@code jobs.json.unreadable-<millis>}, never deleted) and the index starts empty: it only lists pages, the
     * ledgers themselves are untouched.
     */
    static JobIndex load(final Path file) throws IOException {
        Map<String, List<String>> jobs = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                read(Files.readString(file, StandardCharsets.UTF_8), jobs);
            } catch (RuntimeException e) {
                jobs.clear();
                Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
                Files.move(file, aside);
                LOGGER.log(Level.WARNING, "Release Ledger: " + file + " could not be read (" + e.getMessage()
                        + "); moved to " + aside + ". Jobs list their applications again once they record events.");
            }
        }
        return new JobIndex(file, jobs);
    }

    private static void read(final String text, final Map<String, List<String>> jobs) {
        Map<String, Object> json = Json.parseObject(text);
        if (!(json.get("jobs") instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("no \"jobs\" object");
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getValue() instanceof List<?> names)) {
                throw new IllegalArgumentException("the applications of job '" + entry.getKey() + "' are not a list");
            }
            List<String> applications = new ArrayList<>();
            for (Object name : names) {
                if (name instanceof String application && !application.isEmpty() && !applications.contains(application)) {
                    applications.add(application);
                }
            }
            jobs.put(String.valueOf(entry.getKey()), applications);
        }
    }

    /** The applications of a job, in the order it first touched them; empty when none. */
    synchronized List<String> applicationsOf(final String jobFullName) {
        List<String> applications = jobs.get(jobFullName);
        return applications == null ? List.of() : List.copyOf(applications);
    }

    /** Notes that a job touched an application; writes the file only when that is new. */
    synchronized void add(final String jobFullName, final String application) throws IOException {
        List<String> applications = jobs.computeIfAbsent(jobFullName, job -> new ArrayList<>());
        if (applications.contains(application)) {
            return;
        }
        applications.add(application);
        try {
            save();
        } catch (IOException e) {
            applications.remove(application);
            throw e;
        }
    }

    private void save() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("jobs", jobs);
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), FILE_NAME, ".part");
        try {
            Files.writeString(partial, Json.writePretty(json) + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
