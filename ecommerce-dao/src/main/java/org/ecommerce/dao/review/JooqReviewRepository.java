package org.ecommerce.dao.review;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.ecommerce.schema.jooq.Tables.REVIEW;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.schema.jooq.tables.records.ReviewRecord;
import org.jooq.Field;

/** {@link ReviewRepository} on jOOQ; the buyers-only rule is the database's. */
public final class JooqReviewRepository implements ReviewRepository {

    private final TransactionRunner tx;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqReviewRepository(TransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public Review add(AddReview r) {
        Validation.required("review", r);
        return tx.run(dsl -> {
            if (!dsl.fetchExists(CUSTOMER, CUSTOMER.ID.eq(r.customerId()))) {
                throw new NotFoundException("customer", r.customerId());
            }
            if (!dsl.fetchExists(PRODUCT, PRODUCT.ID.eq(r.productId()))) {
                throw new NotFoundException("product", r.productId());
            }
            ReviewRecord row = dsl.insertInto(REVIEW)
                    .set(REVIEW.CUSTOMER_ID, r.customerId())
                    .set(REVIEW.PRODUCT_ID, r.productId())
                    .set(REVIEW.RATING, (short) r.rating())
                    .set(REVIEW.BODY, r.body())
                    .returning()
                    .fetchSingle(); // the database refuses a customer who did not buy the product
            dsl.insertInto(INTERACTION)
                    .set(INTERACTION.CUSTOMER_ID, r.customerId())
                    .set(INTERACTION.PRODUCT_ID, r.productId())
                    .set(INTERACTION.TYPE_ID, select(INTERACTION_TYPE.ID).from(INTERACTION_TYPE)
                            .where(INTERACTION_TYPE.NAME.eq("review")))
                    .set(INTERACTION.OCCURRED_AT, row.getReviewedAt())
                    .execute();
            return toReview(row);
        });
    }

    @Override
    public ProductReviews forProduct(long productId, PageRequest page) {
        Validation.required("page", page);
        return tx.run(dsl -> {
            if (!dsl.fetchExists(PRODUCT, PRODUCT.ID.eq(productId))) {
                throw new NotFoundException("product", productId);
            }
            List<Review> reviews = dsl.selectFrom(REVIEW).where(REVIEW.PRODUCT_ID.eq(productId))
                    .orderBy(REVIEW.REVIEWED_AT.desc(), REVIEW.ID.desc())
                    .limit(page.size()).offset(page.offset())
                    .fetch(JooqReviewRepository::toReview);
            Field<Integer> reviewCount = count();
            Field<BigDecimal> averageRating = avg(REVIEW.RATING);
            var figures = dsl.select(reviewCount, averageRating).from(REVIEW).where(REVIEW.PRODUCT_ID.eq(productId))
                    .fetchSingle();
            BigDecimal rating = figures.get(averageRating);
            BigDecimal average = rating == null ? null : rating.setScale(2, RoundingMode.HALF_EVEN);
            return new ProductReviews(productId, reviews, figures.get(reviewCount), average);
        });
    }

    private static Review toReview(ReviewRecord r) {
        return new Review(r.getId(), r.getCustomerId(), r.getProductId(), r.getRating(), r.getBody(),
                r.getReviewedAt().toInstant());
    }
}
