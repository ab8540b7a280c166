package io.releaseledger.report;

import java.util.Objects;

/** One line the engine has to say to the user; the front end decides how to print it. */
public final class Message {
    /** How much attention a message deserves. */
    public enum Level { INFO, WARNING, ERROR }

    private final Level level;
    private final String text;

    public Message(final Level level, final String text) {
        this.level = Objects.requireNonNull(level, "level");
        this.text = Objects.requireNonNull(text, "text");
    }

    public Level getLevel() {
        return level;
    }

    public String getText() {
        return text;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Message that && level == that.level && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, text);
    }

    @Override
    public String toString() {
        return level + ": " + text;
    }
}
