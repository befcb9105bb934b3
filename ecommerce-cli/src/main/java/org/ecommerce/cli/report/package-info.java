/** Printing the typed rows of the analytics queries as a table, CSV or JSON. */
package org.ecommerce.cli.report;
