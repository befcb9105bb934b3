package org.ecommerce.queries;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs of consecutive items with the same key, lazily: how the flat rows of a join ordered by
 * customer become one nested value per customer without holding more than one customer in memory.
 */
final class Consecutive {

    private Consecutive() {
    }

    /** The runs of {@code items} sharing a key, in order; closing the result closes {@code items}. */
    static <T, K> Stream<List<T>> groups(Stream<T> items, Function<T, K> key) {
        Iterator<T> source = items.iterator();
        Spliterator<List<T>> runs = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private T pending;

            @Override
            public boolean tryAdvance(Consumer<? super List<T>> action) {
                if (pending == null && !source.hasNext()) {
                    return false;
                }
                List<T> run = new ArrayList<>();
                run.add(pending != null ? pending : source.next());
                pending = null;
                K runKey = key.apply(run.get(0));
                while (source.hasNext()) {
                    T next = source.next();
                    if (!Objects.equals(key.apply(next), runKey)) {
                        pending = next;
                        break;
                    }
                    run.add(next);
                }
                action.accept(List.copyOf(run));
                return true;
            }
        };
        return StreamSupport.stream(runs, false).onClose(items::close);
    }
}
