package io.releaseledger.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Collects what the engine has to say. The engine never prints: a front end either reads {@link #getAll()}
 * afterwards or passes a live consumer to show each message as it happens (a long deploy should not be silent).
 * Safe for use from several threads.
 */
public final class Messages {
    private final List<Message> messages = new ArrayList<>();
    private final Consumer<Message> live;

    public Messages() {
        this(message -> { });
    }

    public Messages(final Consumer<Message> live) {
        this.live = live;
    }

    public void info(final String format, final Object... arguments) {
        add(Message.Level.INFO, format, arguments);
    }

    public void warning(final String format, final Object... arguments) {
        add(Message.Level.WARNING, format, arguments);
    }

    public void error(final String format, final Object... arguments) {
        add(Message.Level.ERROR, format, arguments);
    }

    private void add(final Message.Level level, final String format, final Object... arguments) {
        String text = arguments.length == 0 ? format : String.format(Locale.ROOT, format, arguments);
        Message message = new Message(level, text);
        synchronized (messages) {
            messages.add(message);
        }
        live.accept(message);
    }

    public List<Message> getAll() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public boolean hasErrors() {
        return getAll().stream().anyMatch(message -> message.getLevel() == Message.Level.ERROR);
    }
}
