package io.jenkins.plugins.releaseledger;

import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One event a build recorded in a ledger, as the build remembers it. Strings only: XStream persists it. */
@ExportedBean(defaultVisibility = 2)
public final class RecordedEvent {
    private final String type;
    private final String application;
    private final String environment;
    private final String version;
    private final String summary;

    RecordedEvent(final String type, final String application, final String environment, final String version,
            final String summary) {
        this.type = type;
        this.application = application;
        this.environment = environment;
        this.version = version;
        this.summary = summary;
    }

    /** The ledger event type, e.g. {@code version.tagged}. */
    @Exported
    public String getType() {
        return type;
    }

    @Exported
    public String getApplication() {
        return application;
    }

    /** {@code null} for events that concern no environment ({@code version.tagged}). */
    @Exported
    public String getEnvironment() {
        return environment;
    }

    @Exported
    public String getVersion() {
        return version;
    }

    /** One line for people, e.g. {@code tagged 1.4.0 (v1.4.0)}. */
    @Exported
    public String getSummary() {
        return summary;
    }

    /** The application's path segment below the job's {@code releases/}, for the build page's link. */
    public String getToken() {
        return Applications.urlToken(application);
    }
}
