package io.tideline.internal.datasource;

import io.tideline.connector.BatchReadProvider;
import io.tideline.connector.BatchWriteProvider;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds the batch read and write providers of non-file formats ({@code kafka}, {@code delta}) by
 * their {@code format(...)} name, matched case-insensitively.
 */
public final class BatchProviders {

  private BatchProviders() {}

  public static Optional<BatchReadProvider> reader(String format) {
    return find(BatchReadProvider.class, BatchReadProvider::shortName, format);
  }

  public static Optional<BatchWriteProvider> writer(String format) {
    return find(BatchWriteProvider.class, BatchWriteProvider::shortName, format);
  }

  /** The names users may pass to {@code read().format(...)}: file formats and providers. */
  public static String readableNames() {
    TreeSet<String> names = new TreeSet<>(FileFormats.names());
    load(BatchReadProvider.class).forEach(p -> names.add(p.shortName()));
    return String.join(", ", names);
  }

  /** The names users may pass to {@code write().format(...)}: file formats and providers. */
  public static String writableNames() {
    TreeSet<String> names = new TreeSet<>(FileFormats.names());
    load(BatchWriteProvider.class).forEach(p -> names.add(p.shortName()));
    return String.join(", ", names);
  }

  private static <T> Optional<T> find(Class<T> type, Function<T, String> name, String format) {
    for (T p : load(type)) {
      if (name.apply(p).equalsIgnoreCase(format)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static <T> ServiceLoader<T> load(Class<T> type) {
    return ServiceLoader.load(type, BatchProviders.class.getClassLoader());
  }
}
