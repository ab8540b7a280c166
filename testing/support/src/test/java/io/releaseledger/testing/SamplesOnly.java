package io.releaseledger.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Sample test classes of {@link RealComponentExtensionTest}: they run only inside its EngineTestKit. */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SamplesOnly.Condition.class)
@interface SamplesOnly {
    /** Enables the samples only when {@link RealComponentExtensionTest#SAMPLES_ENABLED} is set. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(RealComponentExtensionTest.SAMPLES_ENABLED, Boolean::parseBoolean)
                    .orElse(false)
                    ? ConditionEvaluationResult.enabled("inside EngineTestKit")
                    : ConditionEvaluationResult.disabled("sample for RealComponentExtensionTest only");
        }
    }
}
