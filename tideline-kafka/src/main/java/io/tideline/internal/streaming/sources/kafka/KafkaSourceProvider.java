package io.tideline.internal.streaming.sources.kafka;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.types.ArrayType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kafka} source's provider: {@code t.readStream().format("kafka").option(
 * "kafka.bootstrap.servers", ...).option("subscribe", "orders").load()}, as Spark's {@code
 * KafkaSourceProvider}. Options are checked at {@code load()}; the schema is Spark's fixed one.
 */
public final class KafkaSourceProvider implements SourceProvider {

  /** Spark's kafka schema without headers. */
  public static final StructType SCHEMA = schema(false);

  /** Spark's kafka schema with {@code includeHeaders=true}. */
  public static final StructType SCHEMA_WITH_HEADERS = schema(true);

  @Override
  public String shortName() {
    return "kafka";
  }

  @Override
  public StructType sourceSchema(
      Tideline session, Map<String, String> options, Optional<StructType> userSchema) {
    if (userSchema.isPresent()) {
      throw KafkaSourceErrors.userSchemaUnsupported();
    }
    return KafkaSourceOptions.parse(options).includeHeaders() ? SCHEMA_WITH_HEADERS : SCHEMA;
  }

  @Override
  public Source createSource(SourceContext context) {
    return new KafkaMicroBatchStream(KafkaSourceOptions.parse(context.options()), context);
  }

  private static StructType schema(boolean includeHeaders) {
    List<StructField> fields = new ArrayList<>();
    fields.add(new StructField("key", DataTypes.BinaryType, true));
    fields.add(new StructField("value", DataTypes.BinaryType, true));
    fields.add(new StructField("topic", DataTypes.StringType, true));
    fields.add(new StructField("partition", DataTypes.IntegerType, true));
    fields.add(new StructField("offset", DataTypes.LongType, true));
    fields.add(new StructField("timestamp", DataTypes.TimestampType, true));
    fields.add(new StructField("timestampType", DataTypes.IntegerType, true));
    if (includeHeaders) {
      StructType header =
          new StructType(
              new StructField("key", DataTypes.StringType, true),
              new StructField("value", DataTypes.BinaryType, true));
      fields.add(new StructField("headers", new ArrayType(header, true), true));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }
}
