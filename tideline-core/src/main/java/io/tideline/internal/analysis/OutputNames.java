package io.tideline.internal.analysis;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.GetArrayItem;
import io.tideline.internal.expr.GetMapValue;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Output column names as Spark gives them ({@code ResolveAliases} with {@code toPrettySQL}): the
 * expression printed as SQL with columns by bare name, literals by value ({@code 'a'} is {@code
 * a}), implicit casts invisible, struct fields as {@code data.amount}, and each function as Spark
 * prints it ({@code CEIL(x)}, {@code (IF(c, a, b))}, {@code count(1)} for {@code count(*)}).
 *
 * <p>A function called through an alias whose printed name differs from the canonical one ({@code
 * nvl}, {@code substr}, {@code power}) is printed by the alias when the caller passes the names
 * recorded at resolution.
 */
final class OutputNames {
  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** Functions Spark prints in upper case (its math expressions' names). */
  private static final Set<String> UPPER_CASE_NAMES =
      Set.of("ceil", "floor", "sqrt", "exp", "power", "log10", "signum");

  private OutputNames() {}

  static String pretty(Expr e) {
    return pretty(e, Map.of(), ZoneOffset.UTC);
  }

  /**
   * The pretty SQL of {@code e}; {@code calledNames} maps function nodes (by identity) to the name
   * they were called by; timestamp literals print in {@code zone}, the session time zone.
   */
  static String pretty(Expr e, Map<Expr, String> calledNames, ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    new Printer(calledNames, zone, sb).print(e);
    return sb.toString();
  }

  private record Printer(Map<Expr, String> calledNames, ZoneId zone, StringBuilder sb) {

    void print(Expr e) {
      if (e instanceof Attribute a) {
        sb.append(a.name());
      } else if (e instanceof Alias a) {
        print(a.child());
      } else if (e instanceof Literal l) {
        literal(l);
      } else if (e instanceof Cast c) {
        cast(c);
      } else if (e instanceof BinaryOp b) {
        binary(b);
      } else if (e instanceof UnaryOp u) {
        unary(u);
      } else if (e instanceof GetStructField g) {
        print(g.child());
        sb.append('.').append(g.name());
      } else if (e instanceof GetArrayItem g) {
        print(g.child());
        sb.append('[');
        print(g.index());
        sb.append(']');
      } else if (e instanceof GetMapValue g) {
        print(g.child());
        sb.append('[');
        print(g.key());
        sb.append(']');
      } else if (e instanceof In in) {
        sb.append('(');
        print(in.value());
        sb.append(" IN (");
        list(in.list());
        sb.append("))");
      } else if (e instanceof Like l) {
        like(l);
      } else if (e instanceof CaseWhen c) {
        caseWhen(c);
      } else if (e instanceof ScalarCall c) {
        scalar(c);
      } else if (e instanceof AggregateCall a) {
        aggregate(a);
      } else if (e instanceof SortOrder s) {
        print(s.child());
        sb.append(s.ascending() ? " ASC" : " DESC")
            .append(s.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
      } else {
        sb.append(e.sql());
      }
    }

    private void list(List<Expr> exprs) {
      for (int i = 0; i < exprs.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        print(exprs.get(i));
      }
    }

    private void literal(Literal l) {
      Object v = l.value();
      DataType t = l.dataType();
      if (v == null) {
        sb.append("NULL");
      } else if (v instanceof byte[] b) {
        sb.append("X'").append(HexFormat.of().withUpperCase().formatHex(b)).append('\'');
      } else if (TypeCoercion.is(t, AtomicType.Kind.DATE)) {
        sb.append("DATE '").append(LocalDate.ofEpochDay(((Number) v).intValue())).append('\'');
      } else if (TypeCoercion.is(t, AtomicType.Kind.TIMESTAMP)) {
        long micros = ((Number) v).longValue();
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime ts =
            LocalDateTime.ofInstant(
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), fraction * 1000L), zone);
        sb.append("TIMESTAMP '").append(TIMESTAMP_FORMAT.format(ts));
        appendFraction(fraction);
        sb.append('\'');
      } else if (TypeCoercion.is(t, AtomicType.Kind.DAY_TIME_INTERVAL)) {
        dayTimeInterval(((Number) v).longValue());
      } else if (TypeCoercion.is(t, AtomicType.Kind.YEAR_MONTH_INTERVAL)) {
        int months = ((Number) v).intValue();
        long abs = Math.abs((long) months);
        sb.append("INTERVAL '")
            .append(months < 0 ? "-" : "")
            .append(abs / 12)
            .append('-')
            .append(abs % 12)
            .append("' YEAR TO MONTH");
      } else {
        sb.append(v);
      }
    }

    /** Microseconds as Spark prints a fraction: up to six digits, trailing zeros dropped. */
    private void appendFraction(int micros) {
      if (micros == 0) {
        return;
      }
      String digits = String.format(Locale.ROOT, "%06d", micros);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(digits, 0, end);
    }

    private void dayTimeInterval(long micros) {
      long abs = Math.abs(micros);
      long seconds = abs / 1_000_000L;
      sb.append("INTERVAL '")
          .append(micros < 0 ? "-" : "")
          .append(seconds / 86_400)
          .append(' ')
          .append(
              String.format(
                  Locale.ROOT,
                  "%02d:%02d:%02d",
                  seconds / 3600 % 24,
                  seconds / 60 % 60,
                  seconds % 60));
      appendFraction((int) (abs % 1_000_000L));
      sb.append("' DAY TO SECOND");
    }

    private void cast(Cast c) {
      if (c.implicit()) {
        print(c.child());
        return;
      }
      sb.append(c.tryCast() ? "TRY_CAST(" : "CAST(");
      print(c.child());
      sb.append(" AS ").append(c.to().sql()).append(')');
    }

    private void binary(BinaryOp b) {
      if (b.op() == BinaryOperator.CONCAT) {
        sb.append("concat(");
        print(b.left());
        sb.append(", ");
        print(b.right());
        sb.append(')');
        return;
      }
      if (b.op() == BinaryOperator.NOT_EQ) {
        // Spark parses a != b as NOT (a = b) and names it so.
        sb.append("(NOT (");
        print(b.left());
        sb.append(" = ");
        print(b.right());
        sb.append("))");
        return;
      }
      sb.append('(');
      print(b.left());
      sb.append(' ').append(b.op().symbol()).append(' ');
      print(b.right());
      sb.append(')');
    }

    private void unary(UnaryOp u) {
      switch (u.op()) {
        case NOT -> {
          sb.append("(NOT ");
          print(u.child());
          sb.append(')');
        }
        case NEGATE -> {
          sb.append("(- ");
          print(u.child());
          sb.append(')');
        }
        case POSITIVE -> {
          sb.append("(+ ");
          print(u.child());
          sb.append(')');
        }
        case BIT_NOT -> {
          sb.append('~');
          print(u.child());
        }
        case IS_NULL -> {
          sb.append('(');
          print(u.child());
          sb.append(" IS NULL)");
        }
        case IS_NOT_NULL -> {
          sb.append('(');
          print(u.child());
          sb.append(" IS NOT NULL)");
        }
      }
    }

    private void like(Like l) {
      switch (l.kind()) {
        case LIKE -> {
          print(l.value());
          sb.append(" LIKE ");
          print(l.pattern());
          if (l.escape() != '\\') {
            sb.append(" ESCAPE '").append(l.escape()).append('\'');
          }
        }
        case ILIKE -> {
          sb.append("ilike(");
          print(l.value());
          sb.append(", ");
          print(l.pattern());
          sb.append(')');
        }
        case RLIKE -> {
          sb.append("RLIKE(");
          print(l.value());
          sb.append(", ");
          print(l.pattern());
          sb.append(')');
        }
      }
    }

    private void caseWhen(CaseWhen c) {
      sb.append("CASE");
      for (int i = 0; i < c.conditions().size(); i++) {
        sb.append(" WHEN ");
        print(c.conditions().get(i));
        sb.append(" THEN ");
        print(c.values().get(i));
      }
      if (c.elseValue() != null) {
        sb.append(" ELSE ");
        print(c.elseValue());
      }
      sb.append(" END");
    }

    private void scalar(ScalarCall c) {
      String called = calledNames.getOrDefault(c, c.name());
      switch (called) {
        case "if" -> {
          sb.append("(IF(");
          list(c.args());
          sb.append("))");
          return;
        }
        case "from_json" -> {
          sb.append("from_json(");
          print(c.args().get(0));
          sb.append(')');
          return;
        }
        case "named_struct" -> {
          if (!(c.dataType() instanceof StructType s)) {
            break;
          }
          sb.append("named_struct(");
          for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) {
              sb.append(", ");
            }
            sb.append(s.field(i).name()).append(", ");
            print(c.args().get(i));
          }
          sb.append(')');
          return;
        }
        case "window", "session_window" -> {
          // Spark's TimeWindowing and SessionWindowing name the column after the function.
          sb.append(c.name());
          return;
        }
        case "position", "locate" -> {
          // Resolved as instr(str, substr); Spark prints locate's (substr, str, start).
          sb.append(called).append('(');
          print(c.args().get(1));
          sb.append(", ");
          print(c.args().get(0));
          sb.append(", 1)");
          return;
        }
        case "extract", "date_part" -> {
          // The field is implied by the kernel: year, month, dayofmonth, hour or minute.
          String field = c.name().equals("dayofmonth") ? "DAY" : c.name().toUpperCase(Locale.ROOT);
          if (called.equals("extract")) {
            sb.append("extract(").append(field).append(" FROM ");
          } else {
            sb.append("date_part(").append(field).append(", ");
          }
          print(c.args().get(0));
          sb.append(')');
          return;
        }
        case "nullif" -> {
          // Resolved as if(a = b, null, a): print the call as written.
          BinaryOp eq = (BinaryOp) c.args().get(0);
          sb.append("nullif(");
          print(eq.left());
          sb.append(", ");
          print(eq.right());
          sb.append(')');
          return;
        }
        default -> {
          // Printed below as name(args).
        }
      }
      sb.append(UPPER_CASE_NAMES.contains(called) ? called.toUpperCase(Locale.ROOT) : called);
      sb.append('(');
      list(c.args());
      sb.append(')');
    }

    private void aggregate(AggregateCall a) {
      sb.append(calledNames.getOrDefault(a, a.name())).append('(');
      if (a.distinct()) {
        sb.append("DISTINCT ");
      }
      list(a.args());
      sb.append(')');
      if ((a.name().equals("first") || a.name().equals("last"))
          && !a.params().isEmpty()
          && Boolean.TRUE.equals(a.params().get(0))) {
        sb.append(" IGNORE NULLS");
      }
    }
  }
}
