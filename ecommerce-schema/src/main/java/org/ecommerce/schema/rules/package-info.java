/**
 * The catalogue of the shop's business rules ({@link org.ecommerce.schema.rules.Rule}), the kinds
 * of error their refusals become ({@link org.ecommerce.schema.rules.Refusal}), and how a refusal
 * carries its rule and fields: {@link org.ecommerce.schema.rules.RuleRefusal} on H2,
 * {@link org.ecommerce.schema.rules.RefusalDetail} in PostgreSQL's error DETAIL.
 */
package org.ecommerce.schema.rules;
