package org.ecommerce.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a {@link SchemaOwnerRequiredException} in Spring Boot's start-up failure report, the
 * properties to set under "Action", instead of a stack trace.
 */
public final class SchemaOwnerRequiredFailureAnalyzer extends AbstractFailureAnalyzer<SchemaOwnerRequiredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaOwnerRequiredException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
