/**
 * The analytics as typed query objects: one class per question, typed parameters, typed rows.
 * (Filled by the analytics issue.)
 */
package org.ecommerce.queries;
