package io.tideline.internal.streaming.sources.rate;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rate} source's provider: {@code t.readStream().format("rate").option("rowsPerSecond",
 * 100).load()}, as Spark's {@code RateStreamProvider}. Options are checked at {@code load()}.
 */
public final class RateStreamProvider implements SourceProvider {

  /** The rate source's fixed schema. */
  public static final StructType SCHEMA =
      new StructType(
          new StructField("timestamp", DataTypes.TimestampType, true),
          new StructField("value", DataTypes.LongType, true));

  @Override
  public String shortName() {
    return "rate";
  }

  @Override
  public StructType sourceSchema(
      Tideline session, Map<String, String> options, Optional<StructType> userSchema) {
    if (userSchema.isPresent()) {
      throw RateSourceErrors.userSchemaUnsupported();
    }
    RateOptions.parse(options, session.conf().parallelism());
    return SCHEMA;
  }

  @Override
  public Source createSource(SourceContext context) {
    return new RateStreamSource(
        RateOptions.parse(context.options(), context.session().conf().parallelism()), context);
  }
}
