package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecommerce.schema.jooq.Tables.BRAND;
import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;

import java.math.BigDecimal;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** One set of generated classes, unchanged, reads and writes both engines. */
@OnBothEngines
class GeneratedClassesTest {

    private final DSLContext dsl;

    GeneratedClassesTest(TestDatabase db) {
        dsl = DSL.using(db.dataSource(), db.engine().dialect(),
                new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER));
    }

    @Test
    void theGeneratedTablesWriteAndReadWithoutSchemaOrQuotes() {
        // given a brand and a category written through the generated classes
        long brand = dsl.insertInto(BRAND).set(BRAND.NAME, "Acme").returning(BRAND.ID).fetchOne(BRAND.ID);
        long category = dsl.insertInto(CATEGORY).set(CATEGORY.NAME, "Tools").returning(CATEGORY.ID).fetchOne(CATEGORY.ID);

        // when a product is inserted and read back
        dsl.insertInto(PRODUCT)
                .set(PRODUCT.NAME, "Hammer")
                .set(PRODUCT.BRAND_ID, brand)
                .set(PRODUCT.CATEGORY_ID, category)
                .set(PRODUCT.PRICE, new BigDecimal("12.50"))
                .set(PRODUCT.STOCK, 7)
                .execute();
        var hammer = dsl.selectFrom(PRODUCT).where(PRODUCT.NAME.eq("Hammer")).fetchSingle();

        // then every column maps to its Java type
        assertThat(hammer.getPrice()).isEqualByComparingTo("12.50");
        assertThat(hammer.getStock()).isEqualTo(7);
        assertThat(hammer.getCreatedAt()).isNotNull();
        assertThat(dsl.render(dsl.selectFrom(PRODUCT))).doesNotContain("public.").doesNotContain("\"");
    }
}
