package io.tideline.internal.eval;

import io.tideline.internal.eval.DateTimeKernels.Fn;
import io.tideline.internal.eval.MathKernels.DoubleFn;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The registry of scalar function kernels, keyed by the canonical lower-case names the analyser
 * gives {@link ScalarCall}s. Arguments are coerced defensively to the physical types the kernels
 * read (the analyser normally has done it already, and then the casts vanish).
 */
final class ScalarFunctions {
  private ScalarFunctions() {}

  static VectorEvaluator compile(ScalarCall call, EvalContext ctx) {
    String name = call.name();
    List<Expr> args = call.args();
    DataType type = call.dataType();
    String sql = call.sql();
    switch (name) {
      case "upper":
      case "ucase":
        return new StringKernels.CaseConvert(str(args, 0, ctx), true);
      case "lower":
      case "lcase":
        return new StringKernels.CaseConvert(str(args, 0, ctx), false);
      case "length":
      case "char_length":
      case "character_length":
        return new StringKernels.Length(
            DataTypes.is(args.get(0).dataType(), AtomicType.Kind.BINARY)
                ? compile(args.get(0), ctx)
                : str(args, 0, ctx));
      case "substring":
      case "substr":
        return new StringKernels.Substring(
            args.size() > 2
                ? new VectorEvaluator[] {
                  str(args, 0, ctx), integer(args, 1, ctx), integer(args, 2, ctx)
                }
                : new VectorEvaluator[] {str(args, 0, ctx), integer(args, 1, ctx)});
      case "concat":
        return new StringKernels.Concat(all(args, DataTypes.StringType, ctx));
      case "concat_ws":
        return new StringKernels.ConcatWs(concatWsArgs(args, ctx));
      case "trim":
        return new StringKernels.Trim(all(args, DataTypes.StringType, ctx), true, true);
      case "ltrim":
        return new StringKernels.Trim(all(args, DataTypes.StringType, ctx), true, false);
      case "rtrim":
        return new StringKernels.Trim(all(args, DataTypes.StringType, ctx), false, true);
      case "lpad":
      case "rpad":
        VectorEvaluator[] padArgs =
            args.size() > 2
                ? new VectorEvaluator[] {
                  str(args, 0, ctx), integer(args, 1, ctx), str(args, 2, ctx)
                }
                : new VectorEvaluator[] {str(args, 0, ctx), integer(args, 1, ctx)};
        return new StringKernels.Pad(padArgs, name.equals("lpad"));
      case "replace":
        return new RegexKernels.Replace(all(args, DataTypes.StringType, ctx));
      case "split":
        return new RegexKernels.Split(
            args.size() > 2
                ? new VectorEvaluator[] {
                  str(args, 0, ctx), str(args, 1, ctx), integer(args, 2, ctx)
                }
                : new VectorEvaluator[] {str(args, 0, ctx), str(args, 1, ctx)},
            sql,
            type);
      case "regexp_replace":
        return new RegexKernels.RegexpReplace(
            new VectorEvaluator[] {str(args, 0, ctx), str(args, 1, ctx), str(args, 2, ctx)}, sql);
      case "regexp_extract":
        return new RegexKernels.RegexpExtract(
            args.size() > 2
                ? new VectorEvaluator[] {
                  str(args, 0, ctx), str(args, 1, ctx), integer(args, 2, ctx)
                }
                : new VectorEvaluator[] {str(args, 0, ctx), str(args, 1, ctx)},
            sql);
      case "startswith":
        return new TextKernels.Match(all(args, DataTypes.StringType, ctx), TextKernels.Where.START);
      case "contains":
        return new TextKernels.Match(
            all(args, DataTypes.StringType, ctx), TextKernels.Where.ANYWHERE);
      case "endswith":
        return new TextKernels.Match(all(args, DataTypes.StringType, ctx), TextKernels.Where.END);
      case "octet_length":
        return new TextKernels.OctetLength(compile(args.get(0), ctx));
      case "initcap":
        return new TextKernels.Initcap(str(args, 0, ctx));
      case "reverse":
        return new TextKernels.Reverse(str(args, 0, ctx));
      case "repeat":
        return new TextKernels.Repeat(
            new VectorEvaluator[] {str(args, 0, ctx), integer(args, 1, ctx)}, sql);
      case "translate":
        return new TextKernels.Translate(all(args, DataTypes.StringType, ctx));
      case "left":
        return ExprCompiler.compile(left(args.get(0), args.get(1)), ctx);
      case "right":
        return ExprCompiler.compile(right(args.get(0), args.get(1)), ctx);
      case "nvl2":
        return ExprCompiler.compile(
            new CaseWhen(
                List.of(new UnaryOp(UnaryOperator.IS_NOT_NULL, args.get(0))),
                List.of(CaseWhenEvaluator.coerce(args.get(1), type)),
                CaseWhenEvaluator.coerce(args.get(2), type)),
            ctx);
      case "dayofweek":
        return new DateKernels.DayFunction(
            DateKernels.DayFn.DAY_OF_WEEK, coerced(args.get(0), DataTypes.DateType, ctx));
      case "quarter":
        return new DateKernels.DayFunction(
            DateKernels.DayFn.QUARTER, coerced(args.get(0), DataTypes.DateType, ctx));
      case "weekofyear":
        return new DateKernels.DayFunction(
            DateKernels.DayFn.WEEK_OF_YEAR, coerced(args.get(0), DataTypes.DateType, ctx));
      case "last_day":
        return new DateKernels.DayFunction(
            DateKernels.DayFn.LAST_DAY, coerced(args.get(0), DataTypes.DateType, ctx));
      case "add_months":
        return new DateKernels.AddMonths(
            new VectorEvaluator[] {
              coerced(args.get(0), DataTypes.DateType, ctx), integer(args, 1, ctx)
            },
            sql);
      case "trunc":
        return truncDate(args, ctx);
      case "date_trunc":
        return truncTimestamp(args, ctx);
      case "make_date":
        return new DateKernels.MakeDate(all(args, DataTypes.IntegerType, ctx), ctx.ansi(), sql);
      case "instr":
        return new StringKernels.Instr(all(args, DataTypes.StringType, ctx));
      case "coalesce":
      case "nvl":
      case "ifnull":
        return new ConditionalKernels.Coalesce(type, all(args, type, ctx));
      case "nullif":
        return ExprCompiler.compile(
            new CaseWhen(
                List.of(new BinaryOp(BinaryOperator.EQ, args.get(0), args.get(1))),
                List.of(new Literal(null, type)),
                args.get(0)),
            ctx);
      case "if":
      case "iff":
        return ExprCompiler.compile(
            new CaseWhen(List.of(args.get(0)), List.of(args.get(1)), args.get(2)), ctx);
      case "isnull":
        return new UnaryKernels.NullTest(compile(args.get(0), ctx), true);
      case "isnotnull":
        return new UnaryKernels.NullTest(compile(args.get(0), ctx), false);
      case "greatest":
        return new ConditionalKernels.Extreme(type, all(args, type, ctx), true);
      case "least":
        return new ConditionalKernels.Extreme(type, all(args, type, ctx), false);
      case "abs":
        return new MathKernels.Abs(coerced(args.get(0), type, ctx), type, ctx.ansi(), sql);
      case "ceil":
      case "ceiling":
        return new MathKernels.Rounding(
            compile(args.get(0), ctx), type, RoundingMode.CEILING, 0, ctx.ansi(), sql);
      case "floor":
        return new MathKernels.Rounding(
            compile(args.get(0), ctx), type, RoundingMode.FLOOR, 0, ctx.ansi(), sql);
      case "round":
      case "bround":
        return new MathKernels.Rounding(
            compile(args.get(0), ctx),
            type,
            name.equals("round") ? RoundingMode.HALF_UP : RoundingMode.HALF_EVEN,
            args.size() > 1 ? constantInt(args.get(1), call, ctx) : 0,
            ctx.ansi(),
            sql);
      case "pmod":
        return ExprCompiler.compile(pmod(args.get(0), args.get(1), type), ctx);
      case "sqrt":
        return doubleFn(DoubleFn.SQRT, args, ctx);
      case "exp":
        return doubleFn(DoubleFn.EXP, args, ctx);
      case "ln":
        return doubleFn(DoubleFn.LN, args, ctx);
      case "log":
        return doubleFn(args.size() == 1 ? DoubleFn.LN : DoubleFn.LOG, args, ctx);
      case "log10":
        return doubleFn(DoubleFn.LOG10, args, ctx);
      case "signum":
        return doubleFn(DoubleFn.SIGNUM, args, ctx);
      case "try_add":
        if (TryAdd.handles(type)) {
          return new TryAdd(type, coerced(args.get(0), type, ctx), coerced(args.get(1), type, ctx));
        }
        // Outside ANSI mode a FLOAT, DOUBLE or DECIMAL sum is already null where it overflows.
        return ExprCompiler.compile(
            new BinaryOp(BinaryOperator.ADD, args.get(0), args.get(1)),
            new EvalContext(false, ctx.zone(), ctx.currentTimestampMicros(), ctx.conf()));
      case "try_divide":
        return ExprCompiler.compile(tryDivide(args.get(0), args.get(1)), ctx);
      case "pow":
      case "power":
        return doubleFn(DoubleFn.POW, args, ctx);
      case "struct":
      case "named_struct":
        return makeStruct(name.equals("named_struct"), args, (StructType) type, ctx);
      case "array":
        return new CollectionKernels.MakeArray(
            type, all(args, ((ArrayType) type).elementType(), ctx));
      case "size":
      case "cardinality":
        return new CollectionKernels.Size(compile(args.get(0), ctx), ctx.ansi());
      case "element_at":
        if (args.get(0).dataType() instanceof MapType) {
          return new GetMapValueEvaluator(
              compile(args.get(0), ctx), compile(args.get(1), ctx), type);
        }
        return new GetArrayItemEvaluator(
            compile(args.get(0), ctx), compile(args.get(1), ctx), call, ctx.ansi(), true);
      case "current_timestamp":
      case "now":
        return ConstantEvaluator.ofLiteral(ctx.currentTimestampMicros(), DataTypes.TimestampType);
      case "current_date":
        return ConstantEvaluator.ofLiteral(
            new ZoneConversions(ctx.zone()).microsToDays(ctx.currentTimestampMicros()),
            DataTypes.DateType);
      case "to_timestamp":
        return dateTime(Fn.TO_TIMESTAMP, call, ctx, 1);
      case "to_date":
        return dateTime(Fn.TO_DATE, call, ctx, 1);
      case "date_format":
        return dateTime(Fn.DATE_FORMAT, call, ctx, 1);
      case "window_time":
        return new WindowTimeEvaluator(compile(args.get(0), ctx));
      case "unix_timestamp":
      case "to_unix_timestamp":
        if (args.isEmpty()) {
          return ConstantEvaluator.ofLiteral(
              Math.floorDiv(ctx.currentTimestampMicros(), ZoneConversions.MICROS_PER_SECOND),
              DataTypes.LongType);
        }
        return dateTime(Fn.UNIX_TIMESTAMP, call, ctx, 1);
      case "from_unixtime":
        return dateTime(Fn.FROM_UNIXTIME, call, ctx, 1);
      case "timestamp_seconds":
        return dateTime(Fn.TIMESTAMP_SECONDS, call, ctx, -1);
      case "year":
        return dateTime(Fn.YEAR, call, ctx, -1);
      case "month":
        return dateTime(Fn.MONTH, call, ctx, -1);
      case "dayofmonth":
      case "day":
        return dateTime(Fn.DAY_OF_MONTH, call, ctx, -1);
      case "hour":
        return dateTime(Fn.HOUR, call, ctx, -1);
      case "minute":
        return dateTime(Fn.MINUTE, call, ctx, -1);
      case "second":
        return dateTime(Fn.SECOND, call, ctx, -1);
      case "date_add":
        return dateTime(Fn.DATE_ADD, call, ctx, -1);
      case "date_sub":
        return dateTime(Fn.DATE_SUB, call, ctx, -1);
      case "datediff":
        return dateTime(Fn.DATEDIFF, call, ctx, -1);
      case "from_json":
        return fromJson(call, ctx);
      case "to_json":
        return new JsonKernels.ToJson(
            compile(args.get(0), ctx), args.get(0).dataType(), options(call, 0), ctx.zone());
      case "get_json_object":
        return new JsonKernels.GetJsonObject(str(args, 0, ctx), str(args, 1, ctx));
      default:
        throw EvalErrors.unsupported(sql, "no kernel is registered for the function " + name);
    }
  }

  /**
   * {@code pmod(a, n)}: the remainder {@code r = a % n}, moved into {@code [0, |n|)} by {@code (r +
   * n) % n} when negative, as Spark defines it.
   */
  private static Expr pmod(Expr a, Expr n, DataType type) {
    // The operands keep their analysed types: casting a DECIMAL operand to the (narrower) result
    // type would overflow where the remainder does not.
    Expr r = Cast.implicit(new BinaryOp(BinaryOperator.MOD, a, n), type);
    Expr zero = Cast.implicit(new Literal(0, DataTypes.IntegerType), type);
    return new CaseWhen(
        List.of(new BinaryOp(BinaryOperator.LT, r, zero)),
        List.of(
            Cast.implicit(
                new BinaryOp(BinaryOperator.MOD, new BinaryOp(BinaryOperator.ADD, r, n), n), type)),
        r);
  }

  /** {@code try_divide(a, b)}: the division, null where {@code b} is zero. */
  private static Expr tryDivide(Expr a, Expr b) {
    Expr zero = Cast.implicit(new Literal(0, DataTypes.IntegerType), b.dataType());
    Expr divisor =
        new CaseWhen(
            List.of(new BinaryOp(BinaryOperator.EQ, b, zero)),
            List.of(new Literal(null, b.dataType())),
            b);
    return new BinaryOp(BinaryOperator.DIVIDE, a, divisor);
  }

  /** {@code left(s, n)}: Spark's replacement, {@code substring(s, 1, n)}. */
  private static Expr left(Expr s, Expr n) {
    return new ScalarCall(
        "substring", List.of(s, Literal.of(1), n), DataTypes.StringType, true, List.of());
  }

  /**
   * {@code right(s, n)}: Spark's replacement, null for a null string, empty when {@code n <= 0},
   * else {@code substring(s, -n)}.
   */
  private static Expr right(Expr s, Expr n) {
    return new CaseWhen(
        List.of(
            new UnaryOp(UnaryOperator.IS_NULL, s),
            new BinaryOp(BinaryOperator.LE, n, Literal.of(0))),
        List.of(new Literal(null, DataTypes.StringType), Literal.of("")),
        new ScalarCall(
            "substring",
            List.of(s, new UnaryOp(UnaryOperator.NEGATE, n)),
            DataTypes.StringType,
            true,
            List.of()));
  }

  private static VectorEvaluator truncDate(List<Expr> args, EvalContext ctx) {
    VectorEvaluator format = str(args, 1, ctx);
    DateKernels.TruncLevel level = null;
    if (format instanceof ConstantEvaluator c) {
      if (c.isNull()) {
        return ConstantEvaluator.ofLiteral(null, DataTypes.DateType);
      }
      level = DateKernels.TruncLevel.of(String.valueOf(c.value()));
      if (level == null) {
        return ConstantEvaluator.ofLiteral(null, DataTypes.DateType);
      }
    }
    return new DateKernels.TruncDate(
        new VectorEvaluator[] {coerced(args.get(0), DataTypes.DateType, ctx), format}, level);
  }

  private static VectorEvaluator truncTimestamp(List<Expr> args, EvalContext ctx) {
    VectorEvaluator format = str(args, 0, ctx);
    DateKernels.TimestampLevel level = null;
    if (format instanceof ConstantEvaluator c) {
      level = c.isNull() ? null : DateKernels.TimestampLevel.of(String.valueOf(c.value()));
      if (level == null) {
        return ConstantEvaluator.ofLiteral(null, DataTypes.TimestampType);
      }
    }
    return new DateKernels.TruncTimestamp(
        new VectorEvaluator[] {format, coerced(args.get(1), DataTypes.TimestampType, ctx)},
        level,
        new ZoneConversions(ctx.zone()));
  }

  private static VectorEvaluator compile(Expr e, EvalContext ctx) {
    return ExprCompiler.compile(e, ctx);
  }

  private static VectorEvaluator coerced(Expr e, DataType to, EvalContext ctx) {
    if (e.dataType().equals(to)) {
      return compile(e, ctx);
    }
    return compile(Cast.implicit(e, to), ctx);
  }

  private static VectorEvaluator str(List<Expr> args, int i, EvalContext ctx) {
    return coerced(args.get(i), DataTypes.StringType, ctx);
  }

  private static VectorEvaluator integer(List<Expr> args, int i, EvalContext ctx) {
    return coerced(args.get(i), DataTypes.IntegerType, ctx);
  }

  private static VectorEvaluator[] all(List<Expr> args, DataType to, EvalContext ctx) {
    VectorEvaluator[] out = new VectorEvaluator[args.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = coerced(args.get(i), to, ctx);
    }
    return out;
  }

  private static VectorEvaluator[] concatWsArgs(List<Expr> args, EvalContext ctx) {
    VectorEvaluator[] out = new VectorEvaluator[args.size()];
    for (int i = 0; i < out.length; i++) {
      Expr a = args.get(i);
      out[i] =
          i > 0 && a.dataType() instanceof ArrayType
              ? compile(a, ctx)
              : coerced(a, DataTypes.StringType, ctx);
    }
    return out;
  }

  private static VectorEvaluator doubleFn(DoubleFn fn, List<Expr> args, EvalContext ctx) {
    return new MathKernels.DoubleFunction(fn, all(args, DataTypes.DoubleType, ctx));
  }

  private static int constantInt(Expr e, ScalarCall call, EvalContext ctx) {
    ConstantEvaluator c = ExprCompiler.constantOf(Cast.implicit(e, DataTypes.IntegerType), ctx);
    if (c == null || c.isNull()) {
      throw EvalErrors.invalidParameter(
          call.name(), "scale", "the scale must be a constant integer, not " + e.sql() + ".");
    }
    return ((Number) c.value()).intValue();
  }

  private static VectorEvaluator makeStruct(
      boolean named, List<Expr> args, StructType type, EvalContext ctx) {
    VectorEvaluator[] fields = new VectorEvaluator[type.size()];
    for (int f = 0; f < fields.length; f++) {
      Expr value = named ? args.get(2 * f + 1) : args.get(f);
      fields[f] = coerced(value, type.field(f).dataType(), ctx);
    }
    return new CollectionKernels.MakeStruct(type, fields);
  }

  /**
   * A datetime kernel; {@code patternArg} is the argument that may hold a pattern (a constant in
   * {@code params} wins), or -1.
   */
  private static VectorEvaluator dateTime(Fn fn, ScalarCall call, EvalContext ctx, int patternArg) {
    List<Expr> args = call.args();
    DataType argType = args.get(0).dataType();
    VectorEvaluator first;
    switch (fn) {
      case YEAR:
      case MONTH:
      case DAY_OF_MONTH:
      case DATE_ADD:
      case DATE_SUB:
      case DATEDIFF:
        argType = DataTypes.DateType;
        first = coerced(args.get(0), DataTypes.DateType, ctx);
        break;
      case HOUR:
      case MINUTE:
      case SECOND:
        argType = DataTypes.TimestampType;
        first = coerced(args.get(0), DataTypes.TimestampType, ctx);
        break;
      case DATE_FORMAT:
        if (!DataTypes.is(argType, AtomicType.Kind.DATE)) {
          argType = DataTypes.TimestampType;
        }
        first = coerced(args.get(0), argType, ctx);
        break;
      case FROM_UNIXTIME:
        argType = DataTypes.LongType;
        first = coerced(args.get(0), DataTypes.LongType, ctx);
        break;
      default:
        first = compile(args.get(0), ctx);
        break;
    }
    String pattern = null;
    for (Object p : call.params()) {
      if (p instanceof String s) {
        pattern = s;
      }
    }
    VectorEvaluator[] evals = new VectorEvaluator[args.size()];
    evals[0] = first;
    for (int i = 1; i < evals.length; i++) {
      if (fn == Fn.DATEDIFF) {
        evals[i] = coerced(args.get(i), DataTypes.DateType, ctx);
      } else if (i == patternArg) {
        evals[i] = coerced(args.get(i), DataTypes.StringType, ctx);
        if (pattern == null && evals[i] instanceof ConstantEvaluator c && !c.isNull()) {
          pattern = String.valueOf(c.value());
        }
      } else {
        evals[i] = compile(args.get(i), ctx);
      }
    }
    if (pattern == null && patternArg > 0 && args.size() <= patternArg) {
      if (fn == Fn.DATE_FORMAT || fn == Fn.FROM_UNIXTIME || fn == Fn.UNIX_TIMESTAMP) {
        pattern = DateTimeKernels.DEFAULT_PATTERN;
      }
    }
    return new DateTimeKernels.DateTimeFunction(
        fn, call.dataType(), evals, argType, pattern, patternArg, ctx, call.sql());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> options(ScalarCall call, int index) {
    for (Object p : call.params()) {
      if (p instanceof Map<?, ?> m) {
        return (Map<String, String>) m;
      }
    }
    return Map.of();
  }

  private static VectorEvaluator fromJson(ScalarCall call, EvalContext ctx) {
    List<Object> params = call.params();
    StructType schema =
        params.isEmpty() || !(params.get(0) instanceof StructType s)
            ? (StructType) call.dataType()
            : s;
    return new JsonKernels.FromJson(str(call.args(), 0, ctx), schema, options(call, 1), ctx.zone());
  }
}
