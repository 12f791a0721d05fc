package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.internal.expr.TypeRules;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Optional;

/**
 * Where each part of a Kafka record comes from in the query's output, checked with Spark's rules
 * ({@code KafkaWriter.validateQuery}): {@code value} (string or binary) is required; {@code key}
 * (string or binary), {@code headers} ({@code array<struct<key:string,value:binary>>}) and {@code
 * partition} (int) are optional; {@code topic} (string) is required unless the {@code topic} option
 * is set, and the option wins over the column. Columns are found by exact name, as Spark finds
 * them; any other column is ignored.
 *
 * @param topicOption the {@code topic} option, which overrides the column
 * @param topic the index of the {@code topic} column, or -1 (then {@code topicOption} is set)
 * @param key the index of the {@code key} column, or -1 for null keys
 * @param value the index of the {@code value} column
 * @param headers the index of the {@code headers} column, or -1 for no headers
 * @param partition the index of the {@code partition} column, or -1 for Kafka's partitioner
 */
record KafkaWriteColumns(
    Optional<String> topicOption, int topic, int key, int value, int headers, int partition) {

  /** Spark's type of the {@code headers} column, as the source reads it. */
  static final ArrayType HEADERS_TYPE =
      new ArrayType(
          new StructType(
              new StructField("key", DataTypes.StringType, true),
              new StructField("value", DataTypes.BinaryType, true)),
          true);

  private static final List<DataType> STRING_OR_BINARY =
      List.of(DataTypes.StringType, DataTypes.BinaryType);

  /** Binds and checks {@code schema}; throws Spark's error for the first problem, in its order. */
  static KafkaWriteColumns bind(StructType schema, Optional<String> topicOption) {
    int topic = -1;
    if (topicOption.isEmpty()) {
      topic = indexOf(schema, "topic");
      if (topic < 0) {
        throw KafkaSinkErrors.topicMissing(columns(schema));
      }
      check(schema, topic, List.of(DataTypes.StringType));
    }
    int key = indexOf(schema, "key");
    check(schema, key, STRING_OR_BINARY);
    int value = indexOf(schema, "value");
    if (value < 0) {
      throw KafkaSinkErrors.valueColumnMissing(
          columns(schema), schema.size() == 0 ? "x" : schema.field(0).name());
    }
    check(schema, value, STRING_OR_BINARY);
    int headers = indexOf(schema, "headers");
    check(schema, headers, List.of(HEADERS_TYPE));
    int partition = indexOf(schema, "partition");
    check(schema, partition, List.of(DataTypes.IntegerType));
    return new KafkaWriteColumns(topicOption, topic, key, value, headers, partition);
  }

  private static int indexOf(StructType schema, String name) {
    for (int i = 0; i < schema.size(); i++) {
      if (schema.field(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static void check(StructType schema, int index, List<DataType> desired) {
    if (index < 0) {
      return;
    }
    StructField f = schema.field(index);
    for (DataType d : desired) {
      if (TypeRules.sameType(d, f.dataType())) {
        return;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (DataType d : desired) {
      expected.append(expected.length() == 0 ? "" : " or ").append(catalogString(d));
    }
    throw KafkaSinkErrors.columnTypeUnsupported(
        f.name(), catalogString(f.dataType()), expected.toString());
  }

  /** Spark's {@code catalogString}: struct fields as {@code name:type}. */
  private static String catalogString(DataType type) {
    if (type instanceof ArrayType a) {
      return "array<" + catalogString(a.elementType()) + ">";
    }
    if (type instanceof StructType s) {
      StringBuilder b = new StringBuilder("struct<");
      for (int i = 0; i < s.size(); i++) {
        StructField f = s.field(i);
        b.append(i == 0 ? "" : ",")
            .append(f.name())
            .append(':')
            .append(catalogString(f.dataType()));
      }
      return b.append('>').toString();
    }
    return type.simpleString();
  }

  private static String columns(StructType schema) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < schema.size(); i++) {
      b.append(i == 0 ? "" : ", ").append('`').append(schema.field(i).name()).append('`');
    }
    return b.append(']').toString();
  }
}
