package io.tideline.connector;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one {@code format(...)} name that is not a file format as a batch DataFrame: {@code
 * t.read().format("kafka").option(...).load()}, as Spark's {@code RelationProvider}. Found with
 * {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/io.tideline.connector.BatchReadProvider}.
 */
public interface BatchReadProvider {
  /** The name users pass to {@code format(...)}, e.g. {@code kafka}, {@code delta}. */
  String shortName();

  /**
   * The DataFrame of the source. {@code options} have lower-case keys and hold {@code path} when
   * the user called {@code load(path)}. Refuses bad options here, so the user sees the error at
   * {@code load()}.
   */
  DataFrame read(Tideline session, Map<String, String> options, Optional<StructType> userSchema);
}
