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
 * Which applications each job has recorded events for (job full name → applications, in the order the job first
 * touched them), and who claimed each application (application → job or multibranch project full names, see
 * {@link ApplicationOwnership}). Kept in memory so that the job's Releases action needs no I/O; persisted in
 * {@code jobs.json} next to the ledgers, written (atomically) only when something new is noted.
 */
final class JobIndex {
    static final String FILE_NAME = "jobs.json";
    private static final Logger LOGGER = Logger.getLogger(JobIndex.class.getName());
    /** 2 added {@code owners}; a file of format 1 has its claims derived from the jobs it lists. */
    private static final int FORMAT = 2;

    private final Path file;
    private final Map<String, List<String>> jobs;
    private final Map<String, List<String>> owners;

    private JobIndex(final Path file, final Map<String, List<String>> jobs, final Map<String, List<String>> owners) {
        this.file = file;
        this.jobs = jobs;
        this.owners = owners;
    }

    /**
     * Reads the index; a missing file is an empty index. A file that cannot be read as an index is moved aside
     * ({@code jobs.json.unreadable-<millis>}, never deleted) and the index starts empty: the ledgers themselves are
     * untouched, and a ledger with events but no claim is refused to every job until an administrator names its owners.
     */
    static JobIndex load(final Path file) throws IOException {
        Map<String, List<String>> jobs = new LinkedHashMap<>();
        Map<String, List<String>> owners = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                read(Files.readString(file, StandardCharsets.UTF_8), jobs, owners);
            } catch (RuntimeException e) {
                jobs.clear();
                owners.clear();
                Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
                Files.move(file, aside);
                LOGGER.log(Level.WARNING, "Release Ledger: " + file + " could not be read (" + e.getMessage()
                        + "); moved to " + aside + ". Jobs list their applications again once they record events; "
                        + "applications with events need their owners named in the global configuration.");
            }
        }
        return new JobIndex(file, jobs, owners);
    }

    private static void read(final String text, final Map<String, List<String>> jobs,
            final Map<String, List<String>> owners) {
        Map<String, Object> json = Json.parseObject(text);
        readLists(json.get("jobs"), "jobs", jobs);
        if (json.containsKey("owners")) {
            readLists(json.get("owners"), "owners", owners);
        } else {
            // format 1 knew no claims: each job that recorded keeps its application, together with the jobs beside it
            jobs.forEach((job, applications) -> applications.forEach(application ->
                    addOnce(owners.computeIfAbsent(application, name -> new ArrayList<>()), parentOrSelf(job))));
        }
    }

    private static void readLists(final Object value, final String name, final Map<String, List<String>> into) {
        if (!(value instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("no \"" + name + "\" object");
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getValue() instanceof List<?> names)) {
                throw new IllegalArgumentException("the " + name + " entry '" + entry.getKey() + "' is not a list");
            }
            List<String> list = new ArrayList<>();
            for (Object item : names) {
                if (item instanceof String text && !text.isEmpty()) {
                    addOnce(list, text);
                }
            }
            into.put(String.valueOf(entry.getKey()), list);
        }
    }

    /** The folder holding a job (item names never contain '/'), or the job itself at the top level. */
    static String parentOrSelf(final String jobFullName) {
        int slash = jobFullName.lastIndexOf('/');
        return slash < 0 ? jobFullName : jobFullName.substring(0, slash);
    }

    private static void addOnce(final List<String> list, final String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    /** The applications of a job, in the order it first touched them; empty when none. */
    synchronized List<String> applicationsOf(final String jobFullName) {
        List<String> applications = jobs.get(jobFullName);
        return applications == null ? List.of() : List.copyOf(applications);
    }

    /** Who claimed the application (job or project full names); empty when nobody did. */
    synchronized List<String> ownersOf(final String application) {
        List<String> claims = owners.get(application);
        return claims == null ? List.of() : List.copyOf(claims);
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

    /** Records the first claim of an application; a later claim changes nothing. */
    synchronized void claim(final String application, final String claimant) throws IOException {
        if (owners.containsKey(application)) {
            return;
        }
        owners.put(application, new ArrayList<>(List.of(claimant)));
        try {
            save();
        } catch (IOException e) {
            owners.remove(application);
            throw e;
        }
    }

    private void save() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("jobs", jobs);
        json.put("owners", owners);
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
