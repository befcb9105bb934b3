package org.ecommerce.schema;

/**
 * The database behind a data source is not one the library supports (H2 2.x, PostgreSQL 15+), or is
 * H2 without the settings the library needs ({@link EcommerceSchema#H2_URL_SETTINGS}).
 */
public final class UnsupportedEngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the engine found and the ones supported. */
    public UnsupportedEngineException(String message) {
        super(message);
    }
}
