package io.releaseledger.deploy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.policy.Approval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The approval events of an environment as {@code docs/releases-api.md} specifies them, read back. */
final class ApprovalLedger {
    private final List<LedgerEvent> events;

    /** @param events the environment's events, oldest first */
    ApprovalLedger(final List<LedgerEvent> events) {
        this.events = List.copyOf(events);
    }

    /** Every approval and rejection, oldest first. */
    List<Approval> approvals() {
        List<Approval> approvals = new ArrayList<>();
        for (LedgerEvent event : events) {
            boolean granted = EventTypes.APPROVAL_GRANTED.equals(event.getType());
            if ((granted || EventTypes.APPROVAL_REJECTED.equals(event.getType())) && release(event) != null) {
                Map<String, Object> data = event.getData();
                approvals.add(new Approval(event.getActor().getId(), event.getActor().getName(),
                        (String) data.get("version"), (String) data.get("digest"), granted,
                        data.get("comment") instanceof String comment ? comment : "", event.getTime()));
            }
        }
        return approvals;
    }

    /**
     * The {@code approval.requested} events not yet followed by a {@code deployment.started} of the same release,
     * newest last, one per release (its latest request).
     */
    List<LedgerEvent> pending() {
        List<LedgerEvent> pending = new ArrayList<>();
        for (LedgerEvent event : events) {
            String release = release(event);
            if (release == null) {
                continue;
            }
            if (EventTypes.APPROVAL_REQUESTED.equals(event.getType())) {
                pending.removeIf(request -> release.equals(release(request)));
                pending.add(event);
            } else if (EventTypes.DEPLOYMENT_STARTED.equals(event.getType())) {
                pending.removeIf(request -> release.equals(release(request)));
            }
        }
        return pending;
    }

    /** Who asked for deploys of this release: they may not approve it. */
    Set<String> requesters(final String version, final String digest) {
        Set<String> requesters = new LinkedHashSet<>();
        for (LedgerEvent event : events) {
            if (EventTypes.APPROVAL_REQUESTED.equals(event.getType()) && (version + " " + digest).equals(release(event))) {
                requesters.add(event.getActor().getId());
            }
        }
        return requesters;
    }

    /**
     * {@code version digest} of an approval event or of a {@code deployment.started} (whose digest is in its image);
     * {@code null} for other events.
     */
    static String release(final LedgerEvent event) {
        Map<String, Object> data = event.getData();
        Object digest = data.get("digest");
        if (EventTypes.DEPLOYMENT_STARTED.equals(event.getType()) && data.get("image") instanceof Map<?, ?> image) {
            digest = image.get("digest");
        } else if (!event.getType().startsWith("approval.")) {
            return null;
        }
        return data.get("version") instanceof String version && digest instanceof String text ? version + " " + text
                : null;
    }

    /**
     * The authors of a release's commits as its {@code version.tagged} recorded them ({@code commits[].author}: a name
     * and/or e-mail address, and {@code omittedAuthors}: those of the commits a long release did not list): each as
     * written, and an address's part before the {@code @}, lower case.
     */
    static Set<String> authors(final List<LedgerEvent> allEvents, final String version) {
        Set<String> authors = new LinkedHashSet<>();
        for (LedgerEvent event : allEvents) {
            if (!EventTypes.VERSION_TAGGED.equals(event.getType()) || !version.equals(event.getData().get("version"))) {
                continue;
            }
            for (String list : new String[] {"commits", "omittedAuthors"}) {
                if (event.getData().get(list) instanceof List<?> commits) {
                    for (Object commit : commits) {
                        if (commit instanceof Map<?, ?> map) {
                            addAuthor(authors, map.get("author"));
                            addAuthor(authors, map.get("authorEmail"));
                        }
                    }
                }
            }
        }
        return authors;
    }

    private static void addAuthor(final Set<String> authors, final Object author) {
        if (!(author instanceof String text) || text.isBlank()) {
            return;
        }
        String name = text.trim().toLowerCase(Locale.ROOT);
        authors.add(name);
        int at = name.indexOf('@');
        if (at > 0) {
            authors.add(name.substring(0, at));
        }
    }
}
