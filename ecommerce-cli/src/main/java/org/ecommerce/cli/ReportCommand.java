package org.ecommerce.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.ecommerce.cli.report.RowFormat;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.interaction.InteractionKind;
import org.ecommerce.queries.AnalyticsQuery;
import org.ecommerce.queries.CustomersWithOpenBaskets;
import org.ecommerce.queries.CustomersWithOrders;
import org.ecommerce.queries.CustomersWithoutPurchase;
import org.ecommerce.queries.InteractionsByHourOfDay;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.ecommerce.queries.MostPopularProducts;
import org.ecommerce.queries.Ranking;
import org.ecommerce.queries.RevenuePerGenderPerCategory;
import org.ecommerce.queries.TimeRange;
import org.ecommerce.queries.TopBrandsBySales;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.ecommerce.queries.TopCustomersByInteractions;
import org.ecommerce.queries.TopSellersPerCategory;
import org.ecommerce.queries.TopSellersPerCategoryWithRevenue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ecommerce report NAME}: one subcommand per analytics question of {@code ecommerce-queries},
 * each with that query's parameters as options, and {@code --format table|csv|json} and
 * {@code --show-sql} for all.
 */
@Command(name = "report",
        description = "Print one of the analytics reports.",
        subcommands = {
            ReportCommand.TopCustomersBySpending.class, ReportCommand.TopCustomersByInteractionCount.class,
            ReportCommand.CustomersWithoutPurchases.class, ReportCommand.PopularProducts.class,
            ReportCommand.TopSellers.class, ReportCommand.InteractionsByHour.class, ReportCommand.LowStock.class,
            ReportCommand.TopBrands.class, ReportCommand.RevenueByGenderAndCategory.class,
            ReportCommand.CustomerOrders.class, ReportCommand.OpenBaskets.class,
            ReportCommand.TopSellersWithRevenue.class, ReportCommand.MonthlySales.class})
public final class ReportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private EcommerceCli cli;

    /** Without a report name: list them, and fail as a bad command line. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "a report name is required");
    }

    /** The options every report has. */
    static final class Output {
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table, csv or json (default: ${DEFAULT-VALUE}).")
        RowFormat format;

        @Option(names = "--show-sql", description = "Print the SQL the report runs (for this database) and stop.")
        boolean showSql;
    }

    /** Runs one query and prints it the way the options say. */
    abstract static class Report<R extends Record> implements Callable<Integer> {

        @ParentCommand
        private ReportCommand report;

        @Spec
        private CommandSpec reportSpec;

        @Mixin
        private Output output;

        /** The query, built from this subcommand's options (which it validates). */
        abstract AnalyticsQuery<R> query();

        /** The type of the query's rows. */
        abstract Class<R> rowType();

        @Override
        public Integer call() {
            PrintWriter out = reportSpec.commandLine().getOut();
            RowFormat format = output.format;
            AnalyticsQuery<R> query;
            try {
                query = query();
            } catch (ValidationException refused) {
                // the options' values, judged by the query: a bad command line, not refused data
                throw new CliException(ExitCode.USAGE, refused.getMessage() + " (see '" + reportSpec.qualifiedName()
                        + " --help' for the options)");
            }
            try (Database database = report.cli.openDatabase()) {
                if (output.showSql) {
                    out.println(query.sqlWithValues(database.engine()));
                } else {
                    database.requireCurrent();
                    try (Stream<R> rows = query.stream(database.dataSource())) {
                        format.print(rowType(), rows, out);
                    }
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** Report options for a time window in UTC. */
    static final class Window {
        @Option(names = "--from", paramLabel = "DATE", description = "First day included (UTC), e.g. 2026-01-01.")
        LocalDate from;

        @Option(names = "--until", paramLabel = "DATE", description = "First day no longer included (UTC).")
        LocalDate until;

        /** The window; an open start reaches the first day a date column holds, an open end the last. */
        TimeRange range() {
            return TimeRange.of(from == null ? start(Validation.MIN_DATE) : start(from),
                    until == null ? start(Validation.MAX_DATE) : start(until));
        }

        boolean given() {
            return from != null || until != null;
        }

        private static Instant start(LocalDate day) {
            return day.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    @Command(name = "top-customers-by-expenditure", description = "Customers who spent the most.")
    static final class TopCustomersBySpending extends Report<TopCustomersByExpenditure.Row> {
        @Option(names = "--limit", defaultValue = "5", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        Window window;

        @Override
        AnalyticsQuery<TopCustomersByExpenditure.Row> query() {
            TopCustomersByExpenditure query = TopCustomersByExpenditure.top(limit);
            return window.given() ? query.placedWithin(window.range()) : query;
        }

        @Override
        Class<TopCustomersByExpenditure.Row> rowType() {
            return TopCustomersByExpenditure.Row.class;
        }
    }

    @Command(name = "top-customers-by-interactions", description = "Customers with the most interactions.")
    static final class TopCustomersByInteractionCount extends Report<TopCustomersByInteractions.Row> {
        @Option(names = "--limit", defaultValue = "5", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        Window window;

        @Option(names = "--types", split = ",", paramLabel = "TYPE",
                description = "Only these interaction types: ${COMPLETION-CANDIDATES}.")
        List<InteractionKind> types;

        @Override
        AnalyticsQuery<TopCustomersByInteractions.Row> query() {
            TopCustomersByInteractions query = TopCustomersByInteractions.top(limit);
            query = window.given() ? query.occurredWithin(window.range()) : query;
            return types == null ? query : query.ofKinds(types.toArray(InteractionKind[]::new));
        }

        @Override
        Class<TopCustomersByInteractions.Row> rowType() {
            return TopCustomersByInteractions.Row.class;
        }
    }

    @Command(name = "customers-without-purchase", description = "Customers who never ordered.")
    static final class CustomersWithoutPurchases extends Report<CustomersWithoutPurchase.Row> {
        @Override
        AnalyticsQuery<CustomersWithoutPurchase.Row> query() {
            return CustomersWithoutPurchase.all();
        }

        @Override
        Class<CustomersWithoutPurchase.Row> rowType() {
            return CustomersWithoutPurchase.Row.class;
        }
    }

    @Command(name = "most-popular-products", description = "Products by units sold.")
    static final class PopularProducts extends Report<MostPopularProducts.Row> {
        @Option(names = "--limit", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        AnalyticsQuery<MostPopularProducts.Row> query() {
            return MostPopularProducts.top(limit);
        }

        @Override
        Class<MostPopularProducts.Row> rowType() {
            return MostPopularProducts.Row.class;
        }
    }

    @Command(name = "top-sellers-per-category", description = "The best sellers of each category.")
    static final class TopSellers extends Report<TopSellersPerCategory.Row> {
        @Option(names = "--per-category", defaultValue = "3", description = "How many per category (default: ${DEFAULT-VALUE}).")
        int perCategory;

        @Option(names = "--ranking", defaultValue = "ROW_NUMBER",
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}): RANK keeps every product tied at the last place.")
        Ranking ranking;

        @Override
        AnalyticsQuery<TopSellersPerCategory.Row> query() {
            return TopSellersPerCategory.top(perCategory).ranked(ranking);
        }

        @Override
        Class<TopSellersPerCategory.Row> rowType() {
            return TopSellersPerCategory.Row.class;
        }
    }

    @Command(name = "interactions-by-hour", description = "Interactions per hour of the day, busiest first.")
    static final class InteractionsByHour extends Report<InteractionsByHourOfDay.Row> {
        @Option(names = "--zone", defaultValue = "UTC", description = "Time zone of the hours (default: ${DEFAULT-VALUE}).")
        ZoneId zone;

        @Override
        AnalyticsQuery<InteractionsByHourOfDay.Row> query() {
            return InteractionsByHourOfDay.in(zone);
        }

        @Override
        Class<InteractionsByHourOfDay.Row> rowType() {
            return InteractionsByHourOfDay.Row.class;
        }
    }

    @Command(name = "low-stock", description = "Products below a stock threshold.")
    static final class LowStock extends Report<LowStockProducts.Row> {
        @Option(names = "--below", defaultValue = "200", description = "The threshold (default: ${DEFAULT-VALUE}).")
        int below;

        @Override
        AnalyticsQuery<LowStockProducts.Row> query() {
            return LowStockProducts.below(below);
        }

        @Override
        Class<LowStockProducts.Row> rowType() {
            return LowStockProducts.Row.class;
        }
    }

    @Command(name = "top-brands", description = "Brands by sales revenue.")
    static final class TopBrands extends Report<TopBrandsBySales.Row> {
        @Option(names = "--limit", defaultValue = "3", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        AnalyticsQuery<TopBrandsBySales.Row> query() {
            return TopBrandsBySales.top(limit);
        }

        @Override
        Class<TopBrandsBySales.Row> rowType() {
            return TopBrandsBySales.Row.class;
        }
    }

    @Command(name = "revenue-per-gender-per-category", description = "Revenue by customer gender and category.")
    static final class RevenueByGenderAndCategory extends Report<RevenuePerGenderPerCategory.Row> {
        @Override
        AnalyticsQuery<RevenuePerGenderPerCategory.Row> query() {
            return RevenuePerGenderPerCategory.all();
        }

        @Override
        Class<RevenuePerGenderPerCategory.Row> rowType() {
            return RevenuePerGenderPerCategory.Row.class;
        }
    }

    @Command(name = "customers-with-orders",
            description = "Customers with their orders and each order's products, customers without orders included.")
    static final class CustomerOrders extends Report<CustomersWithOrders.Row> {
        @Option(names = "--page", description = "0-based page of customers (default: all).")
        Integer page;

        @Option(names = "--page-size", defaultValue = "50", description = "Customers per page (default: ${DEFAULT-VALUE}).")
        int pageSize;

        @Override
        AnalyticsQuery<CustomersWithOrders.Row> query() {
            return page == null ? CustomersWithOrders.all() : CustomersWithOrders.page(new PageRequest(page, pageSize));
        }

        @Override
        Class<CustomersWithOrders.Row> rowType() {
            return CustomersWithOrders.Row.class;
        }
    }

    @Command(name = "customers-with-open-baskets",
            description = "Customers with basket contents, birthday and gift-card balance.")
    static final class OpenBaskets extends Report<CustomersWithOpenBaskets.Row> {
        @Override
        AnalyticsQuery<CustomersWithOpenBaskets.Row> query() {
            return CustomersWithOpenBaskets.all();
        }

        @Override
        Class<CustomersWithOpenBaskets.Row> rowType() {
            return CustomersWithOpenBaskets.Row.class;
        }
    }

    @Command(name = "top-sellers-with-revenue", description = "Top N sellers per category with quantity and revenue.")
    static final class TopSellersWithRevenue extends Report<TopSellersPerCategoryWithRevenue.Row> {
        @Option(names = "--per-category", defaultValue = "2", description = "How many per category (default: ${DEFAULT-VALUE}).")
        int perCategory;

        @Override
        AnalyticsQuery<TopSellersPerCategoryWithRevenue.Row> query() {
            return TopSellersPerCategoryWithRevenue.top(perCategory);
        }

        @Override
        Class<TopSellersPerCategoryWithRevenue.Row> rowType() {
            return TopSellersPerCategoryWithRevenue.Row.class;
        }
    }

    @Command(name = "monthly-sales-growth",
            description = "Monthly sales net of completed returns and growth over the previous month.")
    static final class MonthlySales extends Report<MonthlySalesGrowth.Row> {
        @Option(names = "--zone", defaultValue = "UTC", description = "Time zone of the months (default: ${DEFAULT-VALUE}).")
        ZoneId zone;

        @Option(names = "--first-month", paramLabel = "YYYY-MM", description = "First month shown (default: the first with sales).")
        YearMonth first;

        @Option(names = "--last-month", paramLabel = "YYYY-MM", description = "Last month shown (default: the last with sales).")
        YearMonth last;

        @Spec
        CommandSpec spec;

        @Override
        AnalyticsQuery<MonthlySalesGrowth.Row> query() {
            MonthlySalesGrowth query = MonthlySalesGrowth.in(zone);
            if ((first == null) != (last == null)) {
                throw new ParameterException(spec.commandLine(), "give both --first-month and --last-month, or neither");
            }
            return first != null ? query.between(first, last) : query;
        }

        @Override
        Class<MonthlySalesGrowth.Row> rowType() {
            return MonthlySalesGrowth.Row.class;
        }
    }
}
