package org.ecommerce.it.recommendation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.ecommerce.dao.interaction.InteractionType;

/**
 * A deterministic synthetic shop with planted structure, for measuring recommendations.
 *
 * <p>What is planted, so that a good model has something to find:
 * <ul>
 *   <li>every customer has two favourite categories and two favourite brands (hidden); three
 *       sessions in four browse a favourite category, and favourite brands are five times as
 *       likely to be looked at;</li>
 *   <li>product popularity is Zipf-like (weight 1/rank);</li>
 *   <li>a session is views, then clicks on some of them, then one product in the cart, bought
 *       half of the time; an abandoned cart is often revisited and bought in a later session;</li>
 *   <li>each product has a complement in the next category (a case for a phone): after a
 *       purchase, a later session often goes for it;</li>
 *   <li>some purchases are reviewed a few days later; sold-out products are seen but never bought.</li>
 * </ul>
 * The same {@link Size} and seed always give the same events in the same order.
 *
 * <p>Lives in the test sources while the evaluation is its only user; it has no dependency on
 * the database, so the CLI and the benchmark module can take it over as it is.
 */
final class SyntheticShop {

    /** How big a shop to generate. */
    record Size(int customers, int products, int categories, int brands, int days, long seed) {
        /** The size of the quality test in the normal build. */
        static final Size SMALL = new Size(300, 600, 20, 30, 365, 42);
        /** The size of the published quality table. */
        static final Size FULL = new Size(4000, 2000, 40, 60, 365, 42);
    }

    /** A product: indexes of its category and brand, and its stock (0: sold out). */
    record Product(int index, int category, int brand, int stock) {
    }

    /** One interaction of the customer (an index) with the product (an index), in a session. */
    record Event(int customer, int product, String type, Instant at, int session) {
    }

    /** The generated shop; events are ordered by time. */
    record Dataset(Size size, List<Product> products, List<Event> events) {
    }

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final double FAVOURITE_CATEGORY = 0.75;
    private static final double FAVOURITE_BRAND_BOOST = 5;
    private static final double PURCHASE = 0.5;
    private static final double REVISIT_ABANDONED = 0.35;
    private static final double GO_FOR_COMPLEMENT = 0.3;
    private static final double REVIEW = 0.3;
    private static final double SOLD_OUT = 0.04;

    private SyntheticShop() {
    }

    static Dataset generate(Size size) {
        SplittableRandom random = new SplittableRandom(size.seed());
        List<Product> products = new ArrayList<>();
        double[] popularity = new double[size.products()];
        int[] rank = shuffled(size.products(), random);
        for (int p = 0; p < size.products(); p++) {
            products.add(new Product(p, random.nextInt(size.categories()), random.nextInt(size.brands()),
                    random.nextDouble() < SOLD_OUT ? 0 : 100 + random.nextInt(400)));
            popularity[p] = 1.0 / (rank[p] + 1);
        }
        List<List<Product>> byCategory = new ArrayList<>();
        for (int c = 0; c < size.categories(); c++) {
            byCategory.add(new ArrayList<>());
        }
        products.forEach(p -> byCategory.get(p.category()).add(p));
        int[] complement = new int[size.products()];
        for (Product p : products) {
            List<Product> next = byCategory.get((p.category() + 1) % size.categories());
            complement[p.index()] = next.isEmpty() ? p.index() : pick(next, popularity, null, random).index();
        }

        List<Event> events = new ArrayList<>();
        int session = 0;
        for (int customer = 0; customer < size.customers(); customer++) {
            int[] favouriteCategories = {random.nextInt(size.categories()), random.nextInt(size.categories())};
            Set<Integer> favouriteBrands = new HashSet<>(List.of(random.nextInt(size.brands()), random.nextInt(size.brands())));
            int sessions = 2 + (int) (18 * Math.pow(random.nextDouble(), 2)); // most customers few, some many
            List<Instant> starts = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                starts.add(START.plusSeconds(random.nextLong(size.days() * 86_400L)));
            }
            starts.sort(Comparator.naturalOrder());
            List<Integer> bought = new ArrayList<>();
            Integer abandoned = null;
            for (Instant start : starts) {
                session++;
                Integer target = null;
                int category;
                if (abandoned != null && random.nextDouble() < REVISIT_ABANDONED) {
                    target = abandoned;
                    category = products.get(target).category();
                } else if (!bought.isEmpty() && random.nextDouble() < GO_FOR_COMPLEMENT) {
                    target = complement[bought.get(random.nextInt(bought.size()))];
                    category = products.get(target).category();
                } else if (random.nextDouble() < FAVOURITE_CATEGORY) {
                    category = favouriteCategories[random.nextInt(2)];
                } else {
                    category = random.nextInt(size.categories());
                }
                List<Product> shelf = byCategory.get(category);
                if (shelf.isEmpty()) {
                    continue;
                }
                // views: the target first, then a few products of the category
                Set<Integer> viewed = new LinkedHashSet<>();
                if (target != null) {
                    viewed.add(target);
                }
                int views = 2 + random.nextInt(4);
                for (int v = 0; v < views * 3 && viewed.size() < views; v++) {
                    viewed.add(pick(shelf, popularity, favouriteBrands, random).index());
                }
                Instant at = start;
                for (int p : viewed) {
                    events.add(new Event(customer, p, InteractionType.VIEW, at, session));
                    at = at.plusSeconds(20 + random.nextInt(60));
                }
                // the first in-stock product viewed is the one the customer settles on
                Integer chosen = viewed.stream().filter(p -> products.get(p).stock() > 0).findFirst().orElse(null);
                for (int p : viewed) {
                    if (p == (chosen == null ? -1 : chosen) || random.nextDouble() < 0.3) {
                        events.add(new Event(customer, p, InteractionType.CLICK, at, session));
                        at = at.plusSeconds(10 + random.nextInt(30));
                    }
                }
                if (chosen == null) {
                    continue;
                }
                events.add(new Event(customer, chosen, InteractionType.ADD_TO_CART, at, session));
                if (random.nextDouble() < PURCHASE || chosen.equals(abandoned)) {
                    at = at.plusSeconds(30 + random.nextInt(120));
                    events.add(new Event(customer, chosen, InteractionType.PURCHASE, at, session));
                    bought.add(chosen);
                    if (chosen.equals(abandoned)) {
                        abandoned = null;
                    }
                    if (random.nextDouble() < REVIEW) {
                        events.add(new Event(customer, chosen, InteractionType.REVIEW,
                                at.plus(Duration.ofDays(3 + random.nextInt(8))), session));
                    }
                } else {
                    abandoned = chosen;
                }
            }
        }
        events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::customer));
        return new Dataset(size, List.copyOf(products), List.copyOf(events));
    }

    /** A product of the shelf, drawn in proportion to popularity (times the brand boost). */
    private static Product pick(List<Product> shelf, double[] popularity, Set<Integer> favouriteBrands,
                                SplittableRandom random) {
        double total = 0;
        for (Product p : shelf) {
            total += weight(p, popularity, favouriteBrands);
        }
        double x = random.nextDouble() * total;
        for (Product p : shelf) {
            x -= weight(p, popularity, favouriteBrands);
            if (x < 0) {
                return p;
            }
        }
        return shelf.get(shelf.size() - 1);
    }

    private static double weight(Product p, double[] popularity, Set<Integer> favouriteBrands) {
        boolean favourite = favouriteBrands != null && favouriteBrands.contains(p.brand());
        return popularity[p.index()] * (favourite ? FAVOURITE_BRAND_BOOST : 1);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
