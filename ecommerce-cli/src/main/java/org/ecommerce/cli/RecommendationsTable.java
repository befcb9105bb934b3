package org.ecommerce.cli;

import java.io.PrintWriter;
import java.util.List;

import org.ecommerce.cli.console.TextTable;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.recommendation.Recommendation;

/** Recommended products as a table: rank, product, price, stock and score. */
final class RecommendationsTable {

    private RecommendationsTable() {
    }

    static void print(Ecommerce shop, List<Recommendation> recommendations, PrintWriter out) {
        TextTable table = new TextTable("rank", "productId", "product", "price", "stock", "score");
        int rank = 0;
        for (Recommendation recommendation : recommendations) {
            Product product = shop.catalog().get(recommendation.productId());
            table.row(++rank, product.id(), product.name(), product.price(), product.stock(),
                    String.format(java.util.Locale.ROOT, "%.4g", recommendation.score()));
        }
        table.print(out);
    }
}
