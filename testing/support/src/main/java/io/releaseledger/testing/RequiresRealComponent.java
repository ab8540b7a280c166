package io.releaseledger.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated test class or method needs these real components.
 *
 * <p>A missing component skips the test with a notice (also printed to stderr) that names it and says how
 * to get it. With the CI switch, system property {@code releaseledger.requireRealComponents=true} (also a
 * JUnit configuration parameter) or environment variable {@code RELEASE_LEDGER_REQUIRE_REAL_COMPONENTS=true},
 * the test fails instead: no skip is possible in CI.
 *
 * <pre>{@code
 * @RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
 * class PushImageTest { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RealComponentExtension.class)
public @interface RequiresRealComponent {
    /** The components the test needs. */
    Component[] value();
}
