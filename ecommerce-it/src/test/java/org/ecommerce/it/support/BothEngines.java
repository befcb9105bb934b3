package org.ecommerce.it.support;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The class-template provider behind {@link OnBothEngines}: one invocation per {@link Engine}.
 *
 * <p>Each invocation creates its {@link TestDatabase} on first use and registers it in its own
 * extension store, so the database lives exactly as long as that engine's run of the class.
 */
final class BothEngines implements ClassTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BothEngines.class);

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(Engine.H2, Engine.POSTGRESQL).map(EngineInvocation::new);
    }

    /**
     * One engine's run of the class. Its database is handed to the tests by its own parameter
     * resolver (JUnit resolves constructor parameters in the class template's context, which all
     * runs share) and is closed with the run's extension store.
     */
    private static final class EngineInvocation implements ClassTemplateInvocationContext {

        private final Engine engine;
        private LazyDatabase database;

        EngineInvocation(Engine engine) {
            this.engine = engine;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + engine.displayName() + "]";
        }

        @Override
        public void prepareInvocation(ExtensionContext context) {
            database = new LazyDatabase(engine, context.getRequiredTestClass().getSimpleName());
            context.getStore(NAMESPACE).put(LazyDatabase.class, database);
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new DatabaseParameter(() -> database));
        }
    }

    /** Resolves {@link TestDatabase} parameters to the current run's database. */
    private record DatabaseParameter(Supplier<LazyDatabase> database) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return database.get().get();
        }
    }

    /** Creates the engine's database on first use, and drops it when the invocation ends. */
    private static final class LazyDatabase implements AutoCloseable {

        private final Engine engine;
        private final String owner;
        private TestDatabase database;
        private RuntimeException failure;

        LazyDatabase(Engine engine, String owner) {
            this.engine = engine;
            this.owner = owner;
        }

        synchronized TestDatabase get() {
            if (failure != null) {
                throw failure;
            }
            if (database == null) {
                try {
                    database = TestDatabase.create(engine, owner);
                } catch (RuntimeException e) {
                    failure = e; // every test of this run fails with the same message
                    throw e;
                }
            }
            return database;
        }

        @Override
        public synchronized void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
