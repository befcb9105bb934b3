package org.ecommerce.spring;

/**
 * A library the ecommerce library needs (jOOQ, Flyway) is on the class path in a version older
 * than it works with. Spring Boot reports it at start-up with {@link #action()}, the build setting
 * that fixes it.
 */
public final class UnsupportedDependencyVersionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String description;
    private final String action;

    /**
     * Creates the exception.
     *
     * @param description which library is too old, and which version is needed
     * @param action      how to set the needed version in the application's build
     */
    public UnsupportedDependencyVersionException(String description, String action) {
        super(description + " " + action);
        this.description = description;
        this.action = action;
    }

    /** How to set the needed version in the application's build. */
    public String action() {
        return action;
    }

    /** Which library is too old, and which version is needed. */
    public String description() {
        return description;
    }
}
