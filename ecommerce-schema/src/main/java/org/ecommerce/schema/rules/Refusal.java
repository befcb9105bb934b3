package org.ecommerce.schema.rules;

/**
 * The kind of error a {@link Rule}'s refusal becomes for the library's callers. The data-access
 * layer maps each kind to one typed exception; this module only names the kinds, so that the
 * schema does not depend on the layer above it.
 */
public enum Refusal {

    /** A product has fewer units in stock than asked for (fields: product, requested, available). */
    OUT_OF_STOCK,

    /** A customer who did not buy a product tried to review it. */
    REVIEW_NOT_ALLOWED,

    /** A delivery or a return cannot move from its status to the one asked for. */
    INVALID_STATUS_TRANSITION,

    /** More units would be returned than were bought, less those already returned. */
    RETURN_EXCEEDS_PURCHASE,

    /** A value that must be unique is taken; which value is never reported. */
    DUPLICATE,

    /** A row refers to another that does not exist (a foreign key). */
    NOT_FOUND,

    /** Any other rule: reported by its name, with the fields it carries. */
    RULE_VIOLATION
}
