package io.tideline.internal.streaming.sinks;

import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.connector.SinkProvider;
import java.util.Locale;

/**
 * Makes {@link ConsoleSink}s for {@code format("console")}, with Spark's options {@code numRows}
 * (an integer, default 20) and {@code truncate} (a boolean, default true).
 */
public final class ConsoleSinkProvider implements SinkProvider {

  static final int DEFAULT_NUM_ROWS = 20;

  @Override
  public String shortName() {
    return "console";
  }

  @Override
  public Sink createSink(SinkContext context) {
    if (!context.partitionColumns().isEmpty()) {
      throw SinkErrors.partitioningUnsupported("console");
    }
    return new ConsoleSink(numRows(context), truncate(context));
  }

  static int numRows(SinkContext context) {
    String value = context.option("numRows").orElse(null);
    if (value == null) {
      return DEFAULT_NUM_ROWS;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw SinkErrors.invalidOption("console", "numRows", value, "must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw SinkErrors.invalidOption("console", "numRows", value, "must be an integer");
    }
  }

  static boolean truncate(SinkContext context) {
    String value = context.option("truncate").orElse(null);
    if (value == null) {
      return true;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw SinkErrors.invalidOption("console", "truncate", value, "must be true or false");
    };
  }
}
