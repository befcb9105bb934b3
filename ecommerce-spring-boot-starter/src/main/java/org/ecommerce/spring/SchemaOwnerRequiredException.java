package org.ecommerce.spring;

/**
 * The library's migrations ran as a user that may not change the schema: the application's role
 * in a service with two roles, where they need the schema's owner. Spring Boot reports it at
 * start-up with {@link #action()}, the properties that make the migrations connect as the owner.
 */
public final class SchemaOwnerRequiredException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String description;
    private final String action;

    /**
     * Creates the exception.
     *
     * @param description as whom the migrations ran, and what the database refused
     * @param action      the properties that make them connect as the schema's owner
     * @param cause       the refusal
     */
    public SchemaOwnerRequiredException(String description, String action, Throwable cause) {
        super(description + " " + action, cause);
        this.description = description;
        this.action = action;
    }

    /** The properties that make the migrations connect as the schema's owner. */
    public String action() {
        return action;
    }

    /** As whom the migrations ran, and what the database refused. */
    public String description() {
        return description;
    }
}
