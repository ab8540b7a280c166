package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code version.tagged} event from the agent's {@code semverTag} result (docs/releases-api.md): version, tag,
 * commit, previous version and the commits the version contains. Text passes the build's secret mask on the way.
 */
final class TagEvent {
    private TagEvent() {
    }

    /** What a result asks of the ledger. */
    enum Decision {
        /** a dry run, or nothing tagged: the ledger is not touched */
        NONE,
        /** a tag was created: record it */
        RECORD,
        /** the version was already tagged (a re-run): record it unless the ledger already has it */
        RECORD_IF_MISSING
    }

    static Decision decide(final Map<String, Object> result) {
        if (flag(result, "dryRun")) {
            return Decision.NONE;
        }
        if (flag(result, "tagCreated")) {
            return Decision.RECORD;
        }
        return flag(result, "alreadyTagged") ? Decision.RECORD_IF_MISSING : Decision.NONE;
    }

    static String version(final Map<String, Object> result) {
        Object version = result.get("version");
        if (!(version instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("the agent's semverTag result has no version");
        }
        return text;
    }

    static EventDraft draft(final Map<String, Object> result, final Actor actor, final Origin origin,
            final UnaryOperator<String> mask) {
        return new EventDraft(EventTypes.VERSION_TAGGED, actor, origin).setData(data(result, mask));
    }

    static Map<String, Object> data(final Map<String, Object> result, final UnaryOperator<String> mask) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version(result));
        data.put("tag", text(result, "tag", mask));
        data.put("commit", text(result, "commit", mask));
        data.put("previousVersion", text(result, "previousVersion", mask));
        List<Object> commits = new ArrayList<>();
        if (result.get("commits") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> commit) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", commit.get("id") instanceof String id ? id : null);
                    entry.put("subject", commit.get("subject") instanceof String subject ? mask.apply(subject) : null);
                    commits.add(entry);
                }
            }
        }
        data.put("commits", commits);
        return data;
    }

    private static String text(final Map<String, Object> result, final String name, final UnaryOperator<String> mask) {
        return result.get(name) instanceof String text ? mask.apply(text) : null;
    }

    private static boolean flag(final Map<String, Object> result, final String name) {
        return Boolean.TRUE.equals(result.get(name));
    }
}
