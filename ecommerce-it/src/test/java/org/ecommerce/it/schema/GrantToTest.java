package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.Catalog;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.jooq.DefaultSchema;
import org.ecommerce.schema.rules.RuleData;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.Sequence;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link MigrationOptions#grantTo(String)}: the owner migrates and grants the application role
 * DML on the library's tables, SELECT on the history table, and nothing else; on every migrate;
 * and the same statements are there for an operator to run by hand.
 */
@OnBothEngines
class GrantToTest {

    private final TestDatabase db;
    private final String role;

    GrantToTest(TestDatabase db) {
        this.db = db;
        this.role = db.applicationRole();
    }

    /** Every right the role should have on the tables of a schema holding the library, and no other. */
    private static Set<String> expectedTableRights() {
        Set<String> rights = new TreeSet<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            // the rule data (the allowed status moves) is read, never written
            List<String> privileges = RuleData.TABLES.contains(table.getName())
                    ? List.of("SELECT") : List.of("SELECT", "INSERT", "UPDATE", "DELETE");
            for (String privilege : privileges) {
                rights.add(table.getName() + " " + privilege);
            }
        }
        rights.add(MigrationOptions.DEFAULT_HISTORY_TABLE + " SELECT");
        return rights;
    }

    /** PostgreSQL: USAGE and SELECT on the sequence of every identity column, and on every sequence of its own. */
    private static Set<String> expectedSequenceRights() {
        Set<String> rights = new TreeSet<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (table.getIdentity() != null) {
                String sequence = table.getName() + "_" + table.getIdentity().getField().getName() + "_seq";
                rights.add(sequence + " USAGE");
                rights.add(sequence + " SELECT");
            }
        }
        for (Sequence<?> sequence : DefaultSchema.DEFAULT_SCHEMA.getSequences()) {
            rights.add(sequence.getName() + " USAGE");
            rights.add(sequence.getName() + " SELECT");
        }
        return rights;
    }

    /**
     * An empty database where the application role exists: on PostgreSQL roles are the server's,
     * on H2 each database has users of its own.
     */
    private DataSource emptyWithTheRole(String purpose) throws SQLException {
        DataSource empty = db.newEmptyDatabase(purpose);
        if (db.engine() == Engine.H2) {
            execute(empty, "CREATE USER " + role + " PASSWORD '" + ShopFixtures.unique("pw") + "'");
        }
        return empty;
    }

    private void assertTheRoleHasExactlyItsRights(DataSource owner, String schema) throws SQLException {
        assertThat(Catalog.tablePrivileges(owner, schema, role)).isEqualTo(expectedTableRights());
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat(Catalog.sequencePrivileges(owner, schema, role)).isEqualTo(expectedSequenceRights());
            assertThat(booleanValue(owner, "SELECT has_schema_privilege('" + role + "', '" + schema + "', 'USAGE')")).isTrue();
            assertThat(booleanValue(owner, "SELECT has_schema_privilege('" + role + "', '" + schema + "', 'CREATE')")).isFalse();
            assertThat(booleanValue(owner, "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relowner = "
                    + "(SELECT oid FROM pg_roles WHERE rolname = '" + role + "'))")).as("the role owns a relation").isFalse();
        }
    }

    @Test
    void theApplicationRoleMayReadAndWriteTheLibrarysTablesReadTheHistoryAndNothingElse() throws Exception {
        // given the test database, migrated by its owner with grantTo(the application role)
        // then the role has DML on every table of the library, SELECT on the rule data and the history table, nothing
        // more (no TRUNCATE, REFERENCES, TRIGGER); on PostgreSQL USAGE and SELECT on the identity
        // sequences, USAGE but not CREATE on the schema, and it owns nothing
        assertTheRoleHasExactlyItsRights(db.ownerDataSource(), "public");
    }

    @Test
    void theOperatorsRecipeWorksTheOwnerMigratesWithGrantsAndTheApplicationRolePlacesAnOrder() throws Exception {
        // given a new database, its owner and an application role, created as an operator would:
        // on PostgreSQL the owner is a login role that is no superuser and owns the database; on
        // H2 it is the administrator who created the database (only administrators create triggers there)
        String url = db.newEmptyDatabaseUrl("recipe");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36); // other runs share the server
        String app = "ecommerce_it_recipe_app_" + suffix;
        String appPassword = ShopFixtures.unique("pw");
        DataSource admin = as(url, null, null);
        DataSource owner;
        if (db.engine() == Engine.POSTGRESQL) {
            String ownerRole = "ecommerce_it_recipe_owner_" + suffix;
            String ownerPassword = ShopFixtures.unique("pw");
            execute(admin, "CREATE ROLE " + ownerRole + " LOGIN PASSWORD '" + ownerPassword + "'");
            execute(admin, "CREATE ROLE " + app + " LOGIN PASSWORD '" + appPassword + "'");
            execute(admin, "ALTER DATABASE " + stringValue(admin, "SELECT current_database()") + " OWNER TO " + ownerRole);
            owner = as(url, ownerRole, ownerPassword);
        } else {
            execute(admin, "CREATE USER " + app + " PASSWORD '" + appPassword + "'");
            owner = admin;
        }
        try {
            // when the owner migrates with grants to the application role
            EcommerceSchema.migrate(owner, MigrationOptions.defaults().grantTo(app));

            // then the application, connected as that role, places an order, and the stock rule holds
            Ecommerce shop = Ecommerce.create(as(url.replace(";DB_CLOSE_DELAY=-1", ""), app, appPassword));
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            Product product = fixtures.product("3.00", 5);
            shop.orders().place(PlaceOrder.of(buyer.id(), fixtures.creditCard(buyer).id(), "recipe", new OrderItem(product.id(), 2)));
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(3);
            // and the tables are the owner's, not the application role's
            assertThat(stringValue(owner, "SELECT CURRENT_USER")).isNotEqualTo(app);
            assertThat(Catalog.tablePrivileges(admin, "public", app)).contains("product UPDATE").doesNotContain("product TRUNCATE");
        } finally {
            if (db.engine() == Engine.POSTGRESQL) {
                // roles are the server's: hand what they own and hold back before dropping them
                String ownerRole = "ecommerce_it_recipe_owner_" + suffix;
                execute(admin, "REASSIGN OWNED BY " + ownerRole + " TO CURRENT_USER");
                execute(admin, "DROP OWNED BY " + ownerRole + ", " + app);
                execute(admin, "DROP ROLE " + ownerRole + ", " + app);
            }
        }
    }

    /** Connections to {@code url} as {@code user} (null: the URL's own user, or H2's {@code sa}). */
    private DataSource as(String url, String user, String password) {
        if (db.engine() == Engine.POSTGRESQL) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            if (user != null) {
                ds.setUser(user);
                ds.setPassword(password);
            }
            return ds;
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser(user == null ? "sa" : user);
        ds.setPassword(password == null ? "" : password);
        return ds;
    }

    @Test
    void everyMigrateGrantsAgainSoATableTheRoleHasNoRightsOnGetsThem() throws Exception {
        // given a database migrated with grants, where the role then has no rights on product
        // (as on a table that a later migration adds)
        DataSource database = emptyWithTheRole("regrant");
        MigrationOptions options = MigrationOptions.defaults().grantTo(role);
        EcommerceSchema.migrate(database, options);
        execute(database, "REVOKE ALL ON product FROM " + role);
        assertThat(Catalog.tablePrivileges(database, "public", role)).noneMatch(right -> right.startsWith("product "));

        // when it is migrated again, with nothing to apply
        assertThat(EcommerceSchema.migrate(database, options).migrationsApplied()).isZero();

        // then the role has its rights on product again, and still no others
        assertTheRoleHasExactlyItsRights(database, "public");
    }

    @Test
    void aRoleNamedForTheFirstTimeOnACurrentSchemaIsGrantedItsRights() throws Exception {
        // given a database migrated without grants
        DataSource database = emptyWithTheRole("later");
        EcommerceSchema.migrate(database);
        assertThat(Catalog.tablePrivileges(database, "public", role)).isEmpty();

        // when it is migrated with grantTo
        assertThat(EcommerceSchema.migrate(database, MigrationOptions.defaults().grantTo(role)).migrationsApplied()).isZero();

        // then the role has its rights
        assertTheRoleHasExactlyItsRights(database, "public");
    }

    @Test
    void theGrantStatementsRunByHandGiveTheRoleTheSameRights() throws Exception {
        // given a database migrated without grants
        DataSource database = emptyWithTheRole("byhand");
        EcommerceSchema.migrate(database);

        // when an operator runs the grant statements as the owner
        List<String> statements = EcommerceSchema.grantStatements(db.engine(), MigrationOptions.defaults().grantTo(role));
        for (String statement : statements) {
            execute(database, statement);
        }

        // then the role has exactly the rights migrate gives
        assertTheRoleHasExactlyItsRights(database, "public");
    }

    @Test
    void inAChosenSchemaTheRoleIsGrantedTheTablesThere() throws Exception {
        // given an empty database
        DataSource database = emptyWithTheRole("inshop");

        // when the library is migrated into schema shop with grants
        EcommerceSchema.migrate(database, MigrationOptions.defaults().schema("shop").grantTo(role));

        // then the role has its rights on shop's tables, and none in public
        assertTheRoleHasExactlyItsRights(database, "shop");
        assertThat(Catalog.tablePrivileges(database, "public", role)).isEmpty();
    }

    @Test
    void theGrantStatementsGrantDmlOnlyOnQualifiedNames() {
        MigrationOptions shop = MigrationOptions.defaults().schema("shop").grantTo("shop_app");

        List<String> statements = EcommerceSchema.grantStatements(db.engine(), shop);

        int tables = DefaultSchema.DEFAULT_SCHEMA.getTables().size();
        long sequences = DefaultSchema.DEFAULT_SCHEMA.getTables().stream().filter(t -> t.getIdentity() != null).count()
                + DefaultSchema.DEFAULT_SCHEMA.getSequences().size();
        assertThat(statements).allSatisfy(sql -> assertThat(sql).startsWith("GRANT ").endsWith(" TO \"shop_app\"")
                .doesNotContain("ALL", "TRUNCATE", "REFERENCES", "TRIGGER", "CREATE", "public", ";"));
        assertThat(statements).contains(db.engine() == Engine.POSTGRESQL
                ? "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE \"shop\".\"product\" TO \"shop_app\""
                : "GRANT SELECT, INSERT, UPDATE, DELETE ON \"shop\".\"product\" TO \"shop_app\"");
        assertThat(statements).filteredOn(sql -> sql.contains("ecommerce_schema_history")).singleElement()
                .asString().startsWith("GRANT SELECT ON ");
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat(statements).first().isEqualTo("GRANT USAGE ON SCHEMA \"shop\" TO \"shop_app\"");
            assertThat(statements).contains("GRANT USAGE, SELECT ON SEQUENCE \"shop\".\"product_id_seq\" TO \"shop_app\"",
                    "GRANT USAGE, SELECT ON SEQUENCE \"shop\".\"payment_method_id_seq\" TO \"shop_app\"");
            assertThat(statements).last().isEqualTo("GRANT EXECUTE ON FUNCTION \"shop\".\"interaction_load\""
                    + "(bigint[], bigint[], smallint[], bigint[]) TO \"shop_app\"");
            assertThat(statements).hasSize(1 + tables + 1 + (int) sequences + 1);
        } else {
            // H2 grants rights on tables only
            assertThat(statements).hasSize(tables + 1);
        }
        // without a role there is nothing to grant
        assertThatThrownBy(() -> EcommerceSchema.grantStatements(db.engine(), MigrationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grantTo");
    }

    @Test
    void aMissingRoleIsRefusedByNameBeforeAnythingIsMigrated() throws Exception {
        // given an empty database, and no role named ecommerce_it_nobody
        DataSource database = db.newEmptyDatabase("norole");

        // when it is migrated with grants to that role, then it is refused, naming the role
        assertThatThrownBy(() -> EcommerceSchema.migrate(database, MigrationOptions.defaults().grantTo("ecommerce_it_nobody")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"ecommerce_it_nobody\"")
                .hasMessageContaining("does not exist");

        // and nothing was migrated
        assertThat(Catalog.hasTable(database, "public", MigrationOptions.DEFAULT_HISTORY_TABLE)).isFalse();
    }

    @Test
    void theMigratingUserOrASuperuserIsRefusedAsTheApplicationRole() throws Exception {
        // given an empty database
        DataSource database = db.newEmptyDatabase("owner");
        String owner = stringValue(database, "SELECT CURRENT_USER");

        // when the owner names itself, then it is refused
        assertThatThrownBy(() -> EcommerceSchema.migrate(database, MigrationOptions.defaults().grantTo(owner)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"" + owner + "\"")
                .hasMessageContaining("the user that migrates");

        // and when it names a role no right can restrict, then that is refused too
        // a name of its own: other test runs may share the server
        String boss = "ecommerce_it_boss_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        execute(database, db.engine() == Engine.POSTGRESQL
                ? "CREATE ROLE " + boss + " SUPERUSER NOLOGIN"
                : "CREATE USER " + boss + " PASSWORD 'x' ADMIN");
        try {
            assertThatThrownBy(() -> EcommerceSchema.migrate(database, MigrationOptions.defaults().grantTo(boss)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("\"" + boss + "\"")
                    .hasMessageContaining(db.engine() == Engine.POSTGRESQL ? "superuser" : "administrator");
        } finally {
            if (db.engine() == Engine.POSTGRESQL) {
                execute(database, "DROP ROLE " + boss); // roles are the server's, not the database's
            }
        }
        assertThat(Catalog.hasTable(database, "public", MigrationOptions.DEFAULT_HISTORY_TABLE)).isFalse();
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String stringValue(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean booleanValue(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
