package org.ecommerce.cli.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
 * <p>Two ways to use it, on the same catalogue and the same shopping sessions:
 * <ul>
 *   <li>{@link #generate(Size)}: the whole shop in memory, as the recommendations' offline
 *       evaluation needs it (ecommerce-it);</li>
 *   <li>{@link #stream(Size, Targets, Consumer)}: one {@link Shopper}'s history at a time, with
 *       exact numbers of orders and interactions, orders of several lines, seasonal traffic and
 *       returns, so that {@code ecommerce generate} can write millions of orders in little memory.</li>
 * </ul>
 * It has no dependency on the database.
 */
public final class SyntheticShop {

    /** How big a shop to generate; the events span {@code days} from 2024-01-01. */
    public record Size(int customers, int products, int categories, int brands, int days, long seed) {
        /** The size of the quality test in the normal build. */
        public static final Size SMALL = new Size(300, 600, 20, 30, 365, 42);
        /** The size of the published quality table. */
        public static final Size FULL = new Size(4000, 2000, 40, 60, 365, 42);
    }

    /** A product: indexes of its category and brand, and its stock (0: sold out). */
    public record Product(int index, int category, int brand, int stock) {
    }

    /** One interaction of the customer (an index) with the product (an index), in a session. */
    public record Event(int customer, int product, String type, Instant at, int session) {
    }

    /** The generated shop; events are ordered by time. */
    public record Dataset(Size size, List<Product> products, List<Event> events) {
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

    /** The whole shop in memory, events in time order (then by customer). */
    public static Dataset generate(Size size) {
        SplittableRandom random = new SplittableRandom(size.seed());
        Catalogue catalogue = new Catalogue(size, random);
        List<Event> events = new ArrayList<>();
        int[] session = {0};
        for (int customer = 0; customer < size.customers(); customer++) {
            ShopperState shopper = new ShopperState(customer, catalogue, random, session, false);
            int sessions = 2 + (int) (18 * Math.pow(random.nextDouble(), 2)); // most customers few, some many
            List<Instant> starts = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                starts.add(START.plusSeconds(random.nextLong(size.days() * 86_400L)));
            }
            starts.sort(Comparator.naturalOrder());
            for (Instant start : starts) {
                shopper.visit(start, abandoned -> random.nextDouble() < PURCHASE || abandoned);
            }
            events.addAll(shopper.events);
        }
        events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::customer));
        return new Dataset(size, catalogue.products, List.copyOf(events));
    }

    /** The catalogue of {@link #stream}: the same for the same size and seed. */
    public static List<Product> products(Size size) {
        return new Catalogue(size, new SplittableRandom(size.seed())).products;
    }

    /**
     * Exact totals for {@link #stream}: they are shared among the customers, unevenly (a few
     * customers order and browse much more than most).
     */
    public record Targets(long orders, long interactions) {
    }

    /** One line of an order: {@code quantity} units of a product (an index). */
    public record OrderLine(int product, int quantity) {
    }

    /**
     * A return of {@code quantity} units of one line, started {@code at}; the shop accepts it.
     */
    public record Return(int product, int quantity, Instant at) {
    }

    /** An order of a customer: its lines (distinct products) and at most one return. */
    public record Order(Instant at, List<OrderLine> lines, Return returned) {
    }

    /** A review of a product the customer ordered, after the order. */
    public record Review(int product, int rating, Instant at) {
    }

    /**
     * Everything one customer did, in time order: the interactions to record, the orders (several
     * lines each, purchase interactions included in {@code events}) and reviews of bought products.
     */
    public record Shopper(int customer, List<Event> events, List<Order> orders, List<Review> reviews) {
    }

    /**
     * Generates the shop customer by customer and hands each customer's history to {@code sink}:
     * only the catalogue and two numbers per customer stay in memory. Sessions follow the seasons
     * (busier from late November to Christmas, quieter in summer); each order is one session's
     * purchase plus, often, a complement or another product of the shelf; some orders see one
     * line returned; reviews come only from buyers, days after the order.
     *
     * <p>The totals are exact: customer {@code i}'s shares are fixed first, then its sessions go
     * on until its orders are placed, browsing-only sessions follow until its share of interactions
     * is reached, and its latest interactions beyond the share are dropped. A customer may have
     * no order at all (a browser).
     */
    public static void stream(Size size, Targets targets, Consumer<Shopper> sink) {
        SplittableRandom random = new SplittableRandom(size.seed());
        Catalogue catalogue = new Catalogue(size, random);
        int[] orders = shares(targets.orders(), size.customers(), random, null);
        int[] interactions = shares(targets.interactions(), size.customers(), random, orders);
        int[] session = {0};
        for (int customer = 0; customer < size.customers(); customer++) {
            ShopperState shopper = new ShopperState(customer, catalogue, random, session, true);
            int[] ordersLeft = {orders[customer]};
            int sessions = 2 * ordersLeft[0] + 1 + random.nextInt(3);
            List<Instant> starts = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                starts.add(seasonalInstant(size.days(), random));
            }
            starts.sort(Comparator.naturalOrder());
            int[] sessionsLeft = {sessions};
            Predicate<Boolean> buys = abandoned -> {
                boolean buy = ordersLeft[0] > 0
                        && (abandoned || random.nextDouble() * sessionsLeft[0] < ordersLeft[0]);
                if (buy) {
                    ordersLeft[0]--;
                }
                return buy;
            };
            for (Instant start : starts) {
                shopper.visit(start, buys);
                sessionsLeft[0]--;
            }
            // a session on a sold-out shelf buys nothing: catch up later in the year
            sessionsLeft[0] = 1;
            Instant last = starts.get(starts.size() - 1);
            for (int attempt = 0; ordersLeft[0] > 0 && attempt < 100 * orders[customer] + 100; attempt++) {
                last = last.plusSeconds(3600 + random.nextInt(86_400));
                shopper.visit(last, buys);
            }
            for (int attempt = 0; shopper.events.size() < interactions[customer] && attempt < 10 * interactions[customer]; attempt++) {
                shopper.visit(seasonalInstant(size.days(), random), abandoned -> false);
            }
            List<Event> events = withinQuota(shopper.events, interactions[customer]);
            List<Review> reviews = new ArrayList<>(shopper.reviews);
            reviews.sort(Comparator.comparing(Review::at));
            sink.accept(new Shopper(customer, List.copyOf(events), List.copyOf(shopper.orders), List.copyOf(reviews)));
        }
    }

    /**
     * At most {@code quota} of the events, in time order: the purchases first, as each stands for a
     * line of an order the shop holds (without it the recommendations would not know the product
     * bought), then the earliest of the others.
     */
    private static List<Event> withinQuota(List<Event> events, int quota) {
        Comparator<Event> byTime = Comparator.comparing(Event::at);
        List<Event> kept = new ArrayList<>(events.stream().filter(e -> e.type().equals(InteractionType.PURCHASE))
                .sorted(byTime).limit(quota).toList());
        events.stream().filter(e -> !e.type().equals(InteractionType.PURCHASE)).sorted(byTime)
                .limit(Math.max(0, quota - kept.size())).forEach(kept::add);
        kept.sort(byTime);
        return kept;
    }

    /**
     * {@code total} split among {@code customers}: each share in proportion to a skewed weight
     * (heavier for those with more {@code orders} when given), remainders to the first customers.
     */
    private static int[] shares(long total, int customers, SplittableRandom random, int[] orders) {
        double[] weights = new double[customers];
        double sum = 0;
        for (int c = 0; c < customers; c++) {
            double u = random.nextDouble();
            weights[c] = orders == null ? 0.1 + u * u * u : 1 + 6 * orders[c] + 10 * u;
            sum += weights[c];
        }
        int[] shares = new int[customers];
        long given = 0;
        for (int c = 0; c < customers; c++) {
            shares[c] = (int) (total * weights[c] / sum);
            given += shares[c];
        }
        for (int c = 0; given < total; c = (c + 1) % customers) {
            shares[c]++;
            given++;
        }
        return shares;
    }

    /** A moment of the year, busier from late November to Christmas and quieter in July and August. */
    private static Instant seasonalInstant(int days, SplittableRandom random) {
        while (true) {
            long second = random.nextLong(days * 86_400L);
            Instant at = START.plusSeconds(second);
            int day = at.atOffset(java.time.ZoneOffset.UTC).getDayOfYear();
            double weight = day >= 328 && day <= 358 ? 1.0 : day >= 182 && day <= 243 ? 0.35 : 0.5;
            if (random.nextDouble() < weight) {
                return at;
            }
        }
    }

    /** The products, their popularity, shelves per category and each product's complement. */
    private static final class Catalogue {
        final Size size;
        final List<Product> products;
        final double[] popularity;
        final List<List<Product>> byCategory = new ArrayList<>();
        final int[] complement;

        Catalogue(Size size, SplittableRandom random) {
            this.size = size;
            List<Product> all = new ArrayList<>();
            popularity = new double[size.products()];
            int[] rank = shuffled(size.products(), random);
            for (int p = 0; p < size.products(); p++) {
                all.add(new Product(p, random.nextInt(size.categories()), random.nextInt(size.brands()),
                        random.nextDouble() < SOLD_OUT ? 0 : 100 + random.nextInt(400)));
                popularity[p] = 1.0 / (rank[p] + 1);
            }
            products = List.copyOf(all);
            for (int c = 0; c < size.categories(); c++) {
                byCategory.add(new ArrayList<>());
            }
            products.forEach(p -> byCategory.get(p.category()).add(p));
            complement = new int[size.products()];
            for (Product p : products) {
                List<Product> next = byCategory.get((p.category() + 1) % size.categories());
                complement[p.index()] = next.isEmpty() ? p.index() : pick(next, popularity, null, random).index();
            }
        }
    }

    /** One customer's hidden tastes and what they did so far. */
    private static final class ShopperState {
        final int customer;
        final Catalogue catalogue;
        final SplittableRandom random;
        final int[] session;
        final int[] favouriteCategories;
        final Set<Integer> favouriteBrands;
        final List<Integer> bought = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final List<Order> orders = new ArrayList<>();
        final List<Review> reviews = new ArrayList<>();
        // the evaluation's shop has single-product purchases and no orders
        final boolean placesOrders;
        Integer abandoned;

        ShopperState(int customer, Catalogue catalogue, SplittableRandom random, int[] session, boolean placesOrders) {
            this.customer = customer;
            this.placesOrders = placesOrders;
            this.catalogue = catalogue;
            this.random = random;
            this.session = session;
            int categories = catalogue.size.categories();
            int brands = catalogue.size.brands();
            favouriteCategories = new int[] {random.nextInt(categories), random.nextInt(categories)};
            favouriteBrands = new HashSet<>(List.of(random.nextInt(brands), random.nextInt(brands)));
        }

        /**
         * One session from {@code start}; {@code buys} decides, once the cart holds a product,
         * whether it is bought (its argument: the product was abandoned in an earlier cart).
         */
        void visit(Instant start, Predicate<Boolean> buys) {
            List<Product> products = catalogue.products;
            session[0]++;
            Integer target = null;
            int category;
            if (abandoned != null && random.nextDouble() < REVISIT_ABANDONED) {
                target = abandoned;
                category = products.get(target).category();
            } else if (!bought.isEmpty() && random.nextDouble() < GO_FOR_COMPLEMENT) {
                target = catalogue.complement[bought.get(random.nextInt(bought.size()))];
                category = products.get(target).category();
            } else if (random.nextDouble() < FAVOURITE_CATEGORY) {
                category = favouriteCategories[random.nextInt(2)];
            } else {
                category = random.nextInt(catalogue.size.categories());
            }
            List<Product> shelf = catalogue.byCategory.get(category);
            if (shelf.isEmpty()) {
                return;
            }
            // views: the target first, then a few products of the category
            Set<Integer> viewed = new LinkedHashSet<>();
            if (target != null) {
                viewed.add(target);
            }
            int views = 2 + random.nextInt(4);
            for (int v = 0; v < views * 3 && viewed.size() < views; v++) {
                viewed.add(pick(shelf, catalogue.popularity, favouriteBrands, random).index());
            }
            Instant at = start;
            for (int p : viewed) {
                events.add(new Event(customer, p, InteractionType.VIEW, at, session[0]));
                at = at.plusSeconds(20 + random.nextInt(60));
            }
            // the first in-stock product viewed is the one the customer settles on
            Integer chosen = viewed.stream().filter(p -> products.get(p).stock() > 0).findFirst().orElse(null);
            for (int p : viewed) {
                if (p == (chosen == null ? -1 : chosen) || random.nextDouble() < 0.3) {
                    events.add(new Event(customer, p, InteractionType.CLICK, at, session[0]));
                    at = at.plusSeconds(10 + random.nextInt(30));
                }
            }
            if (chosen == null) {
                return;
            }
            events.add(new Event(customer, chosen, InteractionType.ADD_TO_CART, at, session[0]));
            if (buys.test(chosen.equals(abandoned))) {
                at = at.plusSeconds(30 + random.nextInt(120));
                events.add(new Event(customer, chosen, InteractionType.PURCHASE, at, session[0]));
                bought.add(chosen);
                if (chosen.equals(abandoned)) {
                    abandoned = null;
                }
                if (random.nextDouble() < REVIEW) {
                    Instant reviewedAt = at.plus(Duration.ofDays(3 + random.nextInt(8)));
                    events.add(new Event(customer, chosen, InteractionType.REVIEW, reviewedAt, session[0]));
                    if (placesOrders) {
                        reviews.add(new Review(chosen, rating(chosen), reviewedAt));
                    }
                }
                if (placesOrders) {
                    orders.add(order(chosen, at, shelf));
                }
            } else {
                abandoned = chosen;
            }
        }

        /** Mostly 4 or 5 stars, a little better for popular products; uses a derived random, not the shared one. */
        private int rating(int product) {
            SplittableRandom own = new SplittableRandom(catalogue.size.seed() * 1_000_003L + customer * 7919L + product);
            double bias = Math.min(0.2, catalogue.popularity[product]);
            double x = own.nextDouble() - bias;
            return x < 0.05 ? 1 : x < 0.12 ? 2 : x < 0.27 ? 3 : x < 0.6 ? 4 : 5;
        }

        /**
         * The order of {@code chosen} at {@code at}: sometimes with the complement and another
         * product of the shelf, sometimes a line partly returned. It draws from a random derived
         * from the order, not the shared one, so that a session draws the same from the shared
         * random whether its shopper places orders or not ({@link #generate} places none).
         */
        private Order order(int chosen, Instant at, List<Product> shelf) {
            SplittableRandom own = new SplittableRandom(catalogue.size.seed() * 31L + (long) session[0] * 1_000_003L);
            Set<Integer> products = new LinkedHashSet<>(List.of(chosen));
            if (own.nextDouble() < 0.35 && catalogue.products.get(catalogue.complement[chosen]).stock() > 0) {
                products.add(catalogue.complement[chosen]);
            }
            if (own.nextDouble() < 0.25) {
                Product other = pick(shelf, catalogue.popularity, favouriteBrands, own);
                if (other.stock() > 0) {
                    products.add(other.index());
                }
            }
            List<OrderLine> lines = new ArrayList<>();
            for (int p : products) {
                lines.add(new OrderLine(p, own.nextDouble() < 0.85 ? 1 : 2 + own.nextInt(2)));
                if (p != chosen) {
                    events.add(new Event(customer, p, InteractionType.PURCHASE, at, session[0]));
                }
            }
            Return returned = null;
            if (own.nextDouble() < 0.06) {
                OrderLine line = lines.get(own.nextInt(lines.size()));
                returned = new Return(line.product(), 1 + own.nextInt(line.quantity()),
                        at.plus(Duration.ofDays(2 + own.nextInt(20))));
            }
            return new Order(at, List.copyOf(lines), returned);
        }
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
