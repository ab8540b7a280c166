package io.jenkins.plugins.releaseledger;

import hudson.model.Action;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What one {@code semverTag} call did, kept with the build and exported in its REST API. A build that tags
 * several components (monorepo prefixes) has one action per call. JDK types only: XStream persists it.
 */
@ExportedBean
public final class SemverTagAction implements Action {
    private final String version;
    private final String tag;
    private final String previousVersion;
    private final String commit;
    private final String branch;
    private final boolean tagCreated;
    private final boolean pushed;
    private final boolean dryRun;

    SemverTagAction(final String version, final String tag, final String previousVersion, final String commit,
            final String branch, final boolean tagCreated, final boolean pushed, final boolean dryRun) {
        this.version = version;
        this.tag = tag;
        this.previousVersion = previousVersion;
        this.commit = commit;
        this.branch = branch;
        this.tagCreated = tagCreated;
        this.pushed = pushed;
        this.dryRun = dryRun;
    }

    /** Reads the agent's {@code semverTag} result object (see docs/architecture.md, agent protocol). */
    static SemverTagAction fromResult(final Map<String, Object> result) {
        Object version = result.get("version");
        if (!(version instanceof String) || ((String) version).isBlank()) {
            throw new IllegalArgumentException("the agent's semverTag result has no version");
        }
        return new SemverTagAction((String) version, text(result, "tag"), text(result, "previousVersion"),
                text(result, "commit"), text(result, "branch"), flag(result, "tagCreated"), flag(result, "pushed"),
                flag(result, "dryRun"));
    }

    private static String text(final Map<String, Object> result, final String name) {
        Object value = result.get(name);
        return value instanceof String ? (String) value : null;
    }

    private static boolean flag(final Map<String, Object> result, final String name) {
        return Boolean.TRUE.equals(result.get(name));
    }

    @Exported
    public String getVersion() {
        return version;
    }

    @Exported
    public String getTag() {
        return tag;
    }

    /** {@code null} when no earlier version tag matched. */
    @Exported
    public String getPreviousVersion() {
        return previousVersion;
    }

    @Exported
    public String getCommit() {
        return commit;
    }

    @Exported
    public String getBranch() {
        return branch;
    }

    /** False when HEAD already carried the version (idempotent re-run) or on a dry run. */
    @Exported
    public boolean isTagCreated() {
        return tagCreated;
    }

    @Exported
    public boolean isPushed() {
        return pushed;
    }

    @Exported
    public boolean isDryRun() {
        return dryRun;
    }

    /** One line for the build log and the build page. */
    public String describe() {
        String what;
        if (dryRun) {
            what = "dry run, nothing tagged";
        } else if (tagCreated) {
            what = pushed ? "tag created and pushed" : "tag created, not pushed";
        } else {
            what = pushed ? "already tagged, pushed" : "already tagged";
        }
        return "version " + version + " (" + (tag == null ? "" : tag + ", ") + what + ")";
    }

    @Override
    public String getIconFileName() {
        return null; // shown in the build summary (summary.jelly), not as a side-panel link
    }

    @Override
    public String getDisplayName() {
        return "Semantic version " + version;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
