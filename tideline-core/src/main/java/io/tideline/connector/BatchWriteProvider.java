package io.tideline.connector;

import io.tideline.DataFrame;
import java.util.Map;

/**
 * Writes a batch DataFrame to one {@code format(...)} name that is not a file format: {@code
 * df.write().format("kafka").option(...).save()}, as Spark's {@code CreatableRelationProvider}.
 * Found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/io.tideline.connector.BatchWriteProvider}.
 */
public interface BatchWriteProvider {
  /** The name users pass to {@code format(...)}, e.g. {@code kafka}, {@code delta}. */
  String shortName();

  /**
   * Writes {@code data}, running it once. {@code options} have lower-case keys and hold {@code
   * path} when the user called {@code save(path)}.
   */
  void write(DataFrame data, SaveMode mode, Map<String, String> options);
}
