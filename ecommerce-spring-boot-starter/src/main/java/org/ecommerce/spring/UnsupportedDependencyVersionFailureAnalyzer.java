package org.ecommerce.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows an {@link UnsupportedDependencyVersionException} in Spring Boot's start-up failure report,
 * its fix under "Action", instead of a stack trace.
 */
public final class UnsupportedDependencyVersionFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedDependencyVersionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedDependencyVersionException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
