package org.ecommerce.cli.transfer;

/**
 * Why a row (or a file) cannot be imported, printed as {@code file:line: field: reason}.
 *
 * @param file   the CSV file's name
 * @param line   the line the row starts on (1 is the header)
 * @param field  the column at fault, or a short label such as {@code header}
 * @param reason what is wrong, in words
 */
public record ImportProblem(String file, long line, String field, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + reason;
    }
}
