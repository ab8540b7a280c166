package io.releaseledger.notify;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who gets mail about which events: recipients, the event kinds they want (all when empty) and the environments
 * (all when empty).
 */
public final class MailTarget {
    /** {@code local@domain}: no spaces, brackets, commas or quotes; a dot in the domain or {@code localhost}. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"()\\[\\]]+@([^@\\s<>,;\"()\\[\\]]+\\.[^@\\s<>,;\"()\\[\\].]+|localhost)");

    private final List<String> recipients;
    private final Set<NotificationKind> kinds;
    private final Set<String> environments;

    public MailTarget(final List<String> recipients, final Set<NotificationKind> kinds, final Set<String> environments) {
        this.recipients = List.copyOf(recipients);
        this.kinds = kinds.isEmpty() ? EnumSet.allOf(NotificationKind.class) : EnumSet.copyOf(kinds);
        this.environments = Set.copyOf(Objects.requireNonNull(environments, "environments"));
    }

    /** The addresses in {@code text}, separated by spaces, commas or semicolons. */
    public static List<String> split(final String text) {
        List<String> addresses = new ArrayList<>();
        if (text != null) {
            for (String token : text.split("[\\s,;]+")) {
                if (!token.isEmpty()) {
                    addresses.add(token);
                }
            }
        }
        return addresses;
    }

    /** What is wrong with each address of {@code recipients}, one message each; empty when all are usable. */
    public static List<String> problems(final String recipients) {
        List<String> problems = new ArrayList<>();
        List<String> addresses = split(recipients);
        if (addresses.isEmpty()) {
            problems.add("no recipients: give at least one address such as ops@example.com");
        }
        for (String address : addresses) {
            if (!ADDRESS.matcher(address).matches()) {
                problems.add("'" + address + "' is not a mail address: write it as name@example.com");
            }
        }
        return problems;
    }

    public List<String> getRecipients() {
        return recipients;
    }

    public boolean wants(final NotificationEvent event) {
        return kinds.contains(event.getKind())
                && (environments.isEmpty() || environments.contains(event.getEnvironment()));
    }

    @Override
    public String toString() {
        return "mail to " + String.join(", ", recipients);
    }
}
