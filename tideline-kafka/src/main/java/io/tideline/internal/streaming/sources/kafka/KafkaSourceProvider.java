package io.tideline.internal.streaming.sources.kafka;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.connector.BatchReadProvider;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.ScanRelation;
import io.tideline.types.ArrayType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kafka} format's reading provider, as Spark's {@code KafkaSourceProvider}: streams,
 * {@code t.readStream().format("kafka").option("kafka.bootstrap.servers", ...).option("subscribe",
 * "orders").load()}, and batch reads, {@code t.read().format("kafka")...load()}. Options are
 * checked at {@code load()}; the schema is Spark's fixed one. A batch read resolves its offsets
 * each time it runs ({@link KafkaBatchScan}), not at {@code load()}.
 */
public final class KafkaSourceProvider implements SourceProvider, BatchReadProvider {

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

  @Override
  public DataFrame read(
      Tideline session, Map<String, String> options, Optional<StructType> userSchema) {
    if (userSchema.isPresent()) {
      throw KafkaSourceErrors.userSchemaUnsupported();
    }
    KafkaSourceOptions parsed = KafkaSourceOptions.parseBatch(options);
    StructType schema = parsed.includeHeaders() ? SCHEMA_WITH_HEADERS : SCHEMA;
    List<Attribute> output = new ArrayList<>();
    for (StructField f : schema.fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    KafkaClients.warnIfCustomGroupId(parsed);
    KafkaBatchScan scan = new KafkaBatchScan(parsed, schema, session.conf().batchSize());
    return DataFrame.ofPlan(session, new ScanRelation(output, scan));
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
