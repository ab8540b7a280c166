package io.releaseledger.version;

import java.util.Objects;
import java.util.Optional;

/**
 * The text before the version in a tag name: {@code v} for {@code v1.4.0}, {@code api/v} for a component
 * of a monorepo. Tags that do not start with the prefix, or whose remainder is not a version, are not ours.
 */
public final class TagPrefix {
    /** The prefix most projects use. */
    public static final TagPrefix DEFAULT = new TagPrefix("v");

    private final String value;

    private TagPrefix(final String value) {
        this.value = value;
    }

    /**
     * Checks that git accepts tags made of this prefix and a version, and that the version can be read back
     * without ambiguity.
     *
     * @throws InvalidTagPrefixException naming the rule the prefix breaks and how to fix it
     */
    public static TagPrefix of(final String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.startsWith("refs/")) {
            throw new InvalidTagPrefixException(prefix, "give the tag name prefix without 'refs/tags/', e.g. 'v' or 'api/v'");
        }
        if (!prefix.isEmpty() && Character.isDigit(prefix.charAt(prefix.length() - 1))) {
            throw new InvalidTagPrefixException(prefix, "it must not end with a digit, or '" + prefix
                    + "1.0.0' could not be told apart from a tag of another prefix; end it with a letter, '-' or '/'");
        }
        checkRefRules(prefix);
        return prefix.equals(DEFAULT.value) ? DEFAULT : new TagPrefix(prefix);
    }

    // The rules of `git check-ref-format` that a prefix can break (the version part never breaks them).
    private static void checkRefRules(final String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ' || "~^:?*[\\".indexOf(c) >= 0) {
                throw new InvalidTagPrefixException(prefix, "git does not allow the character '"
                        + (c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c))
                        + "' in tag names; use letters, digits, '-', '_', '.' and '/'");
            }
        }
        if (prefix.contains("..") || prefix.contains("@{") || prefix.contains("//")) {
            throw new InvalidTagPrefixException(prefix, "git does not allow '..', '@{' or '//' in tag names");
        }
        if (prefix.startsWith("/") || prefix.startsWith("-")) {
            throw new InvalidTagPrefixException(prefix, "a tag name must not start with '/' or '-'");
        }
        for (String component : prefix.split("/", -1)) {
            if (component.startsWith(".")) {
                throw new InvalidTagPrefixException(prefix, "no part of a tag name between slashes may start with '.'");
            }
        }
        for (String component : prefix.split("/")) {
            if (component.endsWith(".lock") && prefix.contains(component + "/")) {
                throw new InvalidTagPrefixException(prefix, "no part of a tag name may end with '.lock'");
            }
        }
    }

    public String getValue() {
        return value;
    }

    /** The version in a tag's short name ({@code v1.2.0}, not {@code refs/tags/v1.2.0}), if the tag is ours. */
    public Optional<SemanticVersion> parseTag(final String tagName) {
        if (!tagName.startsWith(value)) {
            return Optional.empty();
        }
        return SemanticVersion.tryParse(tagName.substring(value.length()));
    }

    public String tagName(final SemanticVersion version) {
        return value + version;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof TagPrefix that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
