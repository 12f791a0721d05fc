package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.FunctionRegistry.register;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The date and time functions (see {@link FunctionRegistry}), and the date arithmetic the operators
 * resolve to.
 */
final class DatetimeFunctions {
  /** Spark's default pattern for unix_timestamp and from_unixtime. */
  static final String DEFAULT_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss";

  private DatetimeFunctions() {}

  /** Adds these functions to the registry. */
  static void registerAll() {
    register("window", 2, 4, TimeWindows::window);
    register("session_window", 2, 2, TimeWindows::sessionWindow);
    register("window_time", 1, 1, TimeWindows::windowTime);
    register("to_timestamp", 1, 2, c -> parseDatetime(c, "to_timestamp", DataTypes.TimestampType));
    register("to_date", 1, 2, c -> parseDatetime(c, "to_date", DataTypes.DateType));
    register(
        "date_format",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.TIMESTAMP);
          c.expect(1, ExpectedType.STRING);
          return c.scalar("date_format", DataTypes.StringType, true, c.literalParam(1));
        });
    register("current_timestamp", 0, 0, c -> currentTimestamp(c));
    register("now", 0, 0, c -> currentTimestamp(c));
    register(
        "current_date",
        0,
        0,
        c -> c.scalar("current_date", List.of(), DataTypes.DateType, false, List.of()));
    register(
        "unix_timestamp",
        0,
        2,
        c -> {
          List<Expr> args = new ArrayList<>(c.args());
          if (args.isEmpty()) {
            args.add(
                new ScalarCall(
                    "current_timestamp", List.of(), DataTypes.TimestampType, false, List.of()));
          }
          if (args.size() < 2) {
            args.add(Literal.of(DEFAULT_TIME_FORMAT));
          }
          FunctionCall full = c.withArgs(args);
          full.expect(
              0,
              ExpectedType.oneOf(ExpectedType.STRING, ExpectedType.DATE, ExpectedType.TIMESTAMP));
          full.expect(1, ExpectedType.STRING);
          return full.scalar("unix_timestamp", DataTypes.LongType, true, full.literalParam(1));
        });
    register(
        "from_unixtime",
        1,
        2,
        c -> {
          FunctionCall full =
              c.size() == 1 ? c.withArgs(List.of(c.arg(0), Literal.of(DEFAULT_TIME_FORMAT))) : c;
          full.expect(0, ExpectedType.LONG);
          full.expect(1, ExpectedType.STRING);
          return full.scalar("from_unixtime", DataTypes.StringType, true, full.literalParam(1));
        });
    register(
        "timestamp_seconds",
        1,
        1,
        c -> {
          c.expect(0, ExpectedType.NUMERIC);
          return c.scalar("timestamp_seconds", DataTypes.TimestampType, c.nullable(0), List.of());
        });
    for (String f : List.of("year", "month", "dayofmonth")) {
      register(f, 1, 1, c -> dateField(c, f));
    }
    register("day", 1, 1, c -> dateField(c, "dayofmonth"));
    for (String f : List.of("dayofweek", "quarter", "weekofyear")) {
      register(f, 1, 1, c -> dateField(c, f));
    }
    register(
        "last_day",
        1,
        1,
        c -> {
          dateArg(c, 0);
          return c.scalar("last_day", DataTypes.DateType, c.nullable(0), List.of());
        });
    register(
        "add_months",
        2,
        2,
        c -> {
          dateArg(c, 0);
          c.expect(1, ExpectedType.INT);
          return c.scalar("add_months", DataTypes.DateType, c.anyNullable(), List.of());
        });
    register(
        "date_trunc",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.STRING);
          c.expect(1, ExpectedType.TIMESTAMP);
          return c.scalar("date_trunc", DataTypes.TimestampType, true, List.of());
        });
    register(
        "make_date",
        3,
        3,
        c -> {
          for (int i = 0; i < 3; i++) {
            c.expect(i, ExpectedType.INT);
          }
          return c.scalar("make_date", DataTypes.DateType, true, List.of());
        });
    register(
        "trunc",
        2,
        2,
        c -> {
          dateArg(c, 0);
          c.expect(1, ExpectedType.STRING);
          return c.scalar("trunc", DataTypes.DateType, true, List.of());
        });
    for (String f : List.of("hour", "minute", "second")) {
      register(
          f,
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.TIMESTAMP);
            return c.scalar(f, DataTypes.IntegerType, c.nullable(0), List.of());
          });
    }
    for (String f : List.of("date_add", "date_sub")) {
      register(f, 2, 2, c -> dateAdd(c, f));
    }
    for (String n : List.of("extract", "date_part")) {
      register(
          n,
          2,
          2,
          c -> {
            Object field = c.constant(0, "field", ExpectedType.STRING);
            String kernel = extractField(String.valueOf(field));
            if (kernel == null) {
              throw AnalysisErrors.invalidExtractDatetimeField(String.valueOf(field), c.arg(1));
            }
            FunctionCall source = c.withArgs(List.of(c.arg(1)));
            if (kernel.equals("hour") || kernel.equals("minute")) {
              source.expect(0, ExpectedType.TIMESTAMP);
            } else {
              dateArg(source, 0);
            }
            ScalarCall call =
                new ScalarCall(
                    kernel, source.args(), DataTypes.IntegerType, source.nullable(0), List.of());
            return c.named(call, kernel);
          });
    }
    register(
        "datediff",
        2,
        2,
        c -> {
          dateArg(c, 0);
          dateArg(c, 1);
          return c.scalar("datediff", DataTypes.IntegerType, c.anyNullable(), List.of());
        });
  }

  /**
   * The kernel for an EXTRACT field, by Spark's field names and abbreviations; SECOND (a decimal
   * with the fraction in Spark) and the week-based fields are not supported yet.
   */
  private static String extractField(String field) {
    return switch (field.toUpperCase(Locale.ROOT)) {
      case "YEAR", "Y", "YEARS", "YR", "YRS" -> "year";
      case "MONTH", "MON", "MONS", "MONTHS" -> "month";
      case "DAY", "D", "DAYS" -> "dayofmonth";
      case "HOUR", "H", "HOURS", "HR", "HRS" -> "hour";
      case "MINUTE", "M", "MIN", "MINS", "MINUTES" -> "minute";
      default -> null;
    };
  }

  private static Expr currentTimestamp(FunctionCall c) {
    return c.scalar("current_timestamp", List.of(), DataTypes.TimestampType, false, List.of());
  }

  private static Expr parseDatetime(FunctionCall c, String kernel, DataType result) {
    if (TypeCoercion.isString(c.type(0)) || TypeCoercion.isNull(c.type(0))) {
      c.expect(0, ExpectedType.STRING);
    } else if (!(TypeCoercion.isDatetime(c.type(0))
        || (result.equals(DataTypes.TimestampType) && c.type(0).isNumeric()))) {
      throw AnalysisErrors.unexpectedInputType(
          c.asExpr(), 0, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\")", c.arg(0));
    }
    List<Object> params = List.of();
    if (c.size() > 1) {
      c.expect(1, ExpectedType.STRING);
      params = c.literalParam(1);
    }
    return c.scalar(kernel, result, true, params);
  }

  private static Expr dateField(FunctionCall c, String kernel) {
    dateArg(c, 0);
    return c.scalar(kernel, DataTypes.IntegerType, c.nullable(0), List.of());
  }

  /** A DATE argument; timestamps cast to DATE as Spark's GetDateFieldOperations rule does. */
  private static void dateArg(FunctionCall c, int i) {
    if (TypeCoercion.is(c.type(i), io.tideline.types.AtomicType.Kind.TIMESTAMP)) {
      c.castArg(i, DataTypes.DateType);
    } else {
      c.expect(i, ExpectedType.DATE);
    }
  }

  static Expr dateAdd(FunctionCall c, String kernel) {
    dateArg(c, 0);
    c.expect(
        1,
        ExpectedType.oneOf(
            ExpectedType.INT,
            ExpectedType.of(DataTypes.ShortType),
            ExpectedType.of(DataTypes.ByteType)));
    return c.scalar(kernel, DataTypes.DateType, c.anyNullable(), List.of());
  }
}
