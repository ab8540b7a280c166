package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freeze window of a protected environment, as the administrator writes it: one-off ({@code from}, {@code to}) or
 * recurring ({@code cron}, {@code duration}, {@code timeZone}). Checked when the configuration is saved
 * ({@link GovernanceSettings}).
 */
public final class FreezeWindowSetting implements Describable<FreezeWindowSetting> {
    private final String name;
    private String from;
    private String to;
    private String cron;
    private String duration;
    private String timeZone;

    @DataBoundConstructor
    public FreezeWindowSetting(final String name) {
        this.name = name == null ? "" : name.trim();
    }

    public String getName() {
        return name;
    }

    /** An ISO-8601 instant such as {@code 2026-12-20T00:00:00Z}; with {@link #getTo()} for a one-off window. */
    public String getFrom() {
        return from;
    }

    @DataBoundSetter
    public void setFrom(final String from) {
        this.from = blankToNull(from);
    }

    public String getTo() {
        return to;
    }

    @DataBoundSetter
    public void setTo(final String to) {
        this.to = blankToNull(to);
    }

    /** Five fields, {@code minute hour day-of-month month day-of-week}: when each occurrence starts. */
    public String getCron() {
        return cron;
    }

    @DataBoundSetter
    public void setCron(final String cron) {
        this.cron = blankToNull(cron);
    }

    /** How long each occurrence lasts: {@code 90m}, {@code 62h}, {@code 2d} or {@code PT62H}. */
    public String getDuration() {
        return duration;
    }

    @DataBoundSetter
    public void setDuration(final String duration) {
        this.duration = blankToNull(duration);
    }

    /** The zone the cron expression is read in, such as {@code Europe/Berlin}; default UTC. */
    public String getTimeZone() {
        return timeZone;
    }

    @DataBoundSetter
    public void setTimeZone(final String timeZone) {
        this.timeZone = blankToNull(timeZone);
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Extension
    @Symbol("freezeWindow")
    public static final class DescriptorImpl extends Descriptor<FreezeWindowSetting> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Freeze window";
        }
    }
}
