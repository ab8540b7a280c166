package io.releaseledger.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A version as defined by Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html).
 *
 * <p>{@link #compareTo} is SemVer precedence: build metadata is ignored, so two versions that differ only in
 * build metadata compare as 0 while {@link #equals} tells them apart. Numeric parts may have any length.
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {
    /** Orders by precedence; ties (build metadata) keep their relative order. */
    public static final Comparator<SemanticVersion> PRECEDENCE = SemanticVersion::compareTo;

    private final BigInteger major;
    private final BigInteger minor;
    private final BigInteger patch;
    private final List<String> preRelease;
    private final List<String> build;

    private SemanticVersion(final BigInteger major, final BigInteger minor, final BigInteger patch,
            final List<String> preRelease, final List<String> build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = List.copyOf(preRelease);
        this.build = List.copyOf(build);
    }

    /** The version {@code major.minor.patch}; numbers must not be negative. */
    public static SemanticVersion of(final long major, final long minor, final long patch) {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new InvalidVersionException(major + "." + minor + "." + patch,
                    "MAJOR, MINOR and PATCH must be non-negative integers (spec item 2)");
        }
        return new SemanticVersion(BigInteger.valueOf(major), BigInteger.valueOf(minor), BigInteger.valueOf(patch),
                List.of(), List.of());
    }

    /**
     * Reads a version such as {@code 1.4.0-rc.3+build.7}.
     *
     * @throws InvalidVersionException naming the rule of the specification that the text breaks
     */
    public static SemanticVersion parse(final String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new InvalidVersionException(text, "it is empty");
        }
        if (text.startsWith("v") || text.startsWith("V")) {
            throw new InvalidVersionException(text, "it starts with a letter; a leading 'v' belongs to the tag prefix,"
                    + " not to the version (spec item 2: MAJOR.MINOR.PATCH are numbers)");
        }
        String rest = text;
        List<String> build = List.of();
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            build = identifiers(text, rest.substring(plus + 1), "build metadata", false);
            rest = rest.substring(0, plus);
        }
        List<String> preRelease = List.of();
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            preRelease = identifiers(text, rest.substring(dash + 1), "pre-release", true);
            rest = rest.substring(0, dash);
        }
        String[] core = rest.split("\\.", -1);
        if (core.length != 3) {
            throw new InvalidVersionException(text,
                    "a normal version has exactly three numbers MAJOR.MINOR.PATCH (spec item 2)");
        }
        return new SemanticVersion(number(text, core[0], "MAJOR"), number(text, core[1], "MINOR"),
                number(text, core[2], "PATCH"), preRelease, build);
    }

    /** Like {@link #parse} but answers empty for anything that is not a version, such as a foreign tag. */
    public static Optional<SemanticVersion> tryParse(final String text) {
        try {
            return Optional.of(parse(text));
        }
        catch (InvalidVersionException notAVersion) {
            return Optional.empty();
        }
    }

    private static BigInteger number(final String text, final String part, final String name) {
        if (part.isEmpty() || !isDigits(part)) {
            throw new InvalidVersionException(text,
                    name + " must be a non-negative integer, but is '" + part + "' (spec item 2)");
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw new InvalidVersionException(text, name + " must not contain leading zeros (spec item 2)");
        }
        return new BigInteger(part);
    }

    private static List<String> identifiers(final String text, final String part, final String what,
            final boolean numericWithoutLeadingZeros) {
        String item = numericWithoutLeadingZeros ? "spec item 9" : "spec item 10";
        if (part.isEmpty()) {
            throw new InvalidVersionException(text, what + " must not be empty (" + item + ")");
        }
        List<String> result = new ArrayList<>();
        for (String identifier : part.split("\\.", -1)) {
            checkIdentifier(text, identifier, what, item);
            if (numericWithoutLeadingZeros && isDigits(identifier) && identifier.length() > 1
                    && identifier.charAt(0) == '0') {
                throw new InvalidVersionException(text, "numeric " + what + " identifier '" + identifier
                        + "' must not include leading zeros (" + item + ")");
            }
            result.add(identifier);
        }
        return result;
    }

    private static void checkIdentifier(final String text, final String identifier, final String what,
            final String item) {
        if (identifier.isEmpty()) {
            throw new InvalidVersionException(text, what + " identifiers must not be empty (" + item + ")");
        }
        for (int i = 0; i < identifier.length(); i++) {
            if (!isIdentifierChar(identifier.charAt(i))) {
                throw new InvalidVersionException(text, what + " identifier '" + identifier
                        + "' may contain only ASCII letters, digits and hyphens [0-9A-Za-z-] (" + item + ")");
            }
        }
    }

    static boolean isIdentifierChar(final char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-';
    }

    private static boolean isDigits(final String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    public BigInteger getMajor() {
        return major;
    }

    public BigInteger getMinor() {
        return minor;
    }

    public BigInteger getPatch() {
        return patch;
    }

    /** The pre-release identifiers, empty for a normal version. */
    public List<String> getPreRelease() {
        return preRelease;
    }

    /** The build metadata identifiers, empty when there are none. */
    public List<String> getBuild() {
        return build;
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** Major version zero is for initial development, where anything may change (spec item 4). */
    public boolean isMajorZero() {
        return major.signum() == 0;
    }

    /** This version without pre-release and build metadata. */
    public SemanticVersion getCore() {
        return preRelease.isEmpty() && build.isEmpty()
                ? this : new SemanticVersion(major, minor, patch, List.of(), List.of());
    }

    public SemanticVersion nextMajor() {
        return new SemanticVersion(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, List.of(), List.of());
    }

    public SemanticVersion nextMinor() {
        return new SemanticVersion(major, minor.add(BigInteger.ONE), BigInteger.ZERO, List.of(), List.of());
    }

    public SemanticVersion nextPatch() {
        return new SemanticVersion(major, minor, patch.add(BigInteger.ONE), List.of(), List.of());
    }

    /** The same core with these pre-release identifiers, validated as {@link #parse} would. */
    public SemanticVersion withPreRelease(final String... identifiers) {
        String text = getCore() + "-" + String.join(".", identifiers);
        return new SemanticVersion(major, minor, patch,
                identifiers(text, String.join(".", identifiers), "pre-release", true), List.of());
    }

    @Override
    public int compareTo(final SemanticVersion other) {
        int result = major.compareTo(other.major);
        if (result == 0) {
            result = minor.compareTo(other.minor);
        }
        if (result == 0) {
            result = patch.compareTo(other.patch);
        }
        return result != 0 ? result : comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(final List<String> left, final List<String> right) {
        if (left.isEmpty() || right.isEmpty()) {
            // a normal version has higher precedence than any of its pre-releases (spec item 11.3)
            return Boolean.compare(left.isEmpty(), right.isEmpty());
        }
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int result = compareIdentifier(left.get(i), right.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareIdentifier(final String left, final String right) {
        boolean leftNumeric = isDigits(left);
        boolean rightNumeric = isDigits(right);
        if (leftNumeric && rightNumeric) {
            // no leading zeros, so a longer number is a larger one
            int byLength = Integer.compare(left.length(), right.length());
            return byLength != 0 ? byLength : left.compareTo(right);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right); // ASCII order, as the spec asks
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SemanticVersion that && major.equals(that.major) && minor.equals(that.minor)
                && patch.equals(that.patch) && preRelease.equals(that.preRelease) && build.equals(that.build);
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, preRelease, build);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            text.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            text.append('+').append(String.join(".", build));
        }
        return text.toString();
    }
}
