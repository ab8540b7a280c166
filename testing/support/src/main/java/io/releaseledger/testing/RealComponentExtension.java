package io.releaseledger.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Behind {@link RequiresRealComponent}: skips a test whose components are missing, or, with the CI switch,
 * lets it start and fails it in {@code beforeAll}/{@code beforeEach} so that it cannot be skipped.
 */
public final class RealComponentExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {
    /** System property and JUnit configuration parameter: {@code true} turns every skip into a failure. */
    public static final String REQUIRE_PROPERTY = "releaseledger.requireRealComponents";
    /** Environment variable with the same meaning as {@link #REQUIRE_PROPERTY}. */
    public static final String REQUIRE_ENV = "RELEASE_LEDGER_REQUIRE_REAL_COMPONENTS";
    /**
     * For the extension's own tests only: JUnit configuration parameter naming components (comma separated)
     * to treat as missing whatever the probe says. It can only make things missing, never present.
     */
    static final String PRETEND_MISSING_PARAMETER = "releaseledger.testing.pretendMissing";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = missing(context, requiredOn(context));
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("real components present");
        }
        if (isRequired(context)) {
            return ConditionEvaluationResult.enabled("real components missing, will fail: " + REQUIRE_PROPERTY + "=true");
        }
        String notice = "needs " + String.join("; ", missing) + ". Get it with: " + Component.HOW_TO_GET;
        System.err.println("[release-ledger] SKIPPED " + describe(context) + ": " + notice);
        return ConditionEvaluationResult.disabled(notice);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failIfMissing(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failIfMissing(context);
    }

    private static void failIfMissing(ExtensionContext context) {
        List<String> missing = missing(context, requiredOn(context));
        if (!missing.isEmpty()) {
            String message = describe(context) + " needs " + String.join("; ", missing)
                    + ". It may not be skipped (" + REQUIRE_PROPERTY + "=true or " + REQUIRE_ENV
                    + "=true). Get it with: " + Component.HOW_TO_GET;
            // No line on stderr: the exception fails the test and carries the message into the report. A printed line
            // would also show in passing logs, whenever a test of this extension runs a sample that must fail.
            throw new RealComponentMissingException(message);
        }
    }

    private static String describe(ExtensionContext context) {
        String type = context.getTestClass().map(Class::getName).orElse(context.getDisplayName());
        return context.getTestMethod().map(method -> type + "#" + method.getName()).orElse(type);
    }

    /** The components named on the test method (if any), its class, the class's enclosing and super classes. */
    static Set<Component> requiredOn(ExtensionContext context) {
        Set<Component> required = EnumSet.noneOf(Component.class);
        context.getTestMethod().ifPresent(method -> addFrom(method, required));
        Optional<Class<?>> type = context.getTestClass();
        for (Class<?> c = type.orElse(null); c != null; c = c.getEnclosingClass()) {
            addFrom(c, required); // @Inherited covers super classes
        }
        return required;
    }

    private static void addFrom(AnnotatedElement element, Set<Component> into) {
        RequiresRealComponent annotation = element.getAnnotation(RequiresRealComponent.class);
        if (annotation != null) {
            into.addAll(Arrays.asList(annotation.value()));
        }
    }

    private static List<String> missing(ExtensionContext context, Set<Component> required) {
        Set<Component> pretend = pretendMissing(context);
        List<String> missing = new ArrayList<>();
        for (Component component : required) {
            Component.Availability availability = component.availability();
            if (pretend.contains(component)) {
                missing.add(component + " (" + component.getDescription() + "): treated as missing by "
                        + PRETEND_MISSING_PARAMETER);
            } else if (!availability.isAvailable()) {
                missing.add(component + " (" + component.getDescription() + "): " + availability.getDetail());
            }
        }
        return missing;
    }

    private static Set<Component> pretendMissing(ExtensionContext context) {
        return context.getConfigurationParameter(PRETEND_MISSING_PARAMETER)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .map(name -> Component.valueOf(name.toUpperCase(Locale.ROOT)))
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Component.class))))
                .orElseGet(() -> EnumSet.noneOf(Component.class));
    }

    /**
     * The CI switch: configuration parameter or system property {@value #REQUIRE_PROPERTY}, or environment
     * variable {@value #REQUIRE_ENV}; either one set to {@code true} is enough.
     */
    static boolean isRequired(ExtensionContext context) {
        boolean parameter = context.getConfigurationParameter(REQUIRE_PROPERTY)
                .or(() -> Optional.ofNullable(System.getProperty(REQUIRE_PROPERTY)))
                .map(value -> Boolean.parseBoolean(value.trim()))
                .orElse(false);
        return parameter || Boolean.parseBoolean(String.valueOf(System.getenv(REQUIRE_ENV)).trim());
    }
}
