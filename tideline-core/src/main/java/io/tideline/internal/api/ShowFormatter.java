package io.tideline.internal.api;

import io.tideline.Row;
import io.tideline.internal.datetime.DateTimeUtils;
import io.tideline.internal.vector.Timestamps;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Renders rows as {@code DataFrame.show()} does in Spark 4: a grid with {@code +---+} borders,
 * cells right-aligned when truncating (left-aligned otherwise), strings longer than {@code
 * truncate} cut to {@code truncate - 3} characters plus {@code ...}, null as {@code NULL}, and
 * values printed as {@code CAST(x AS STRING)} prints them.
 */
public final class ShowFormatter {
  private ShowFormatter() {}

  /**
   * @param rows at most {@code numRows + 1} rows: one more than shown tells whether to print the
   *     "only showing top" footer
   */
  public static String format(
      List<Row> rows, StructType schema, int numRows, int truncate, ZoneId zone) {
    int shown = Math.min(rows.size(), numRows);
    int width = schema.size();
    String[][] cells = new String[shown + 1][width];
    for (int c = 0; c < width; c++) {
      cells[0][c] = cut(schema.field(c).name(), truncate);
    }
    for (int r = 0; r < shown; r++) {
      for (int c = 0; c < width; c++) {
        cells[r + 1][c] =
            cut(render(rows.get(r).get(c), schema.field(c).dataType(), zone), truncate);
      }
    }
    int[] widths = new int[width];
    for (int c = 0; c < width; c++) {
      widths[c] = 3;
      for (String[] row : cells) {
        widths[c] = Math.max(widths[c], displayWidth(row[c]));
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : widths) {
      sep.append("-".repeat(w)).append('+');
    }
    sep.append('\n');
    StringBuilder sb = new StringBuilder(sep);
    for (int r = 0; r < cells.length; r++) {
      sb.append('|');
      for (int c = 0; c < width; c++) {
        String cell = cells[r][c];
        String pad = " ".repeat(widths[c] - displayWidth(cell));
        sb.append(truncate > 0 ? pad + cell : cell + pad).append('|');
      }
      sb.append('\n');
      if (r == 0) {
        sb.append(sep);
      }
    }
    sb.append(sep);
    if (rows.size() > numRows) {
      sb.append("only showing top ").append(numRows).append(numRows == 1 ? " row\n" : " rows\n");
    }
    return sb.toString();
  }

  private static String cut(String s, int truncate) {
    if (truncate <= 0 || s.codePointCount(0, s.length()) <= truncate) {
      return s;
    }
    if (truncate < 4) {
      return s.substring(0, s.offsetByCodePoints(0, truncate));
    }
    return s.substring(0, s.offsetByCodePoints(0, truncate - 3)) + "...";
  }

  /** Spark counts East Asian full-width characters as two columns. */
  private static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += isFullWidth(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static boolean isFullWidth(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6);
  }

  /** A value as Spark 4's show prints it (its ToPrettyString). */
  public static String render(Object v, DataType type, ZoneId zone) {
    if (v == null) {
      return "NULL";
    }
    if (type instanceof StructType st) {
      Row r = (Row) v;
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(render(r.get(i), st.field(i).dataType(), zone));
      }
      return sb.append('}').toString();
    }
    if (type instanceof ArrayType at) {
      StringBuilder sb = new StringBuilder("[");
      List<?> list = (List<?>) v;
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(render(list.get(i), at.elementType(), zone));
      }
      return sb.append(']').toString();
    }
    if (type instanceof MapType mt) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(render(e.getKey(), mt.keyType(), zone))
            .append(" -> ")
            .append(render(e.getValue(), mt.valueType(), zone));
      }
      return sb.append('}').toString();
    }
    if (type instanceof DecimalType) {
      return ((BigDecimal) v).toPlainString();
    }
    if (type instanceof AtomicType a) {
      switch (a.kind()) {
        case TIMESTAMP:
          return DateTimeUtils.timestampToString(Timestamps.fromInstant((Instant) v), zone);
        case DATE:
          return DateTimeUtils.dateToString(Math.toIntExact(((LocalDate) v).toEpochDay()));
        case BINARY:
          return hex((byte[]) v);
        default:
          break;
      }
    }
    return String.valueOf(v);
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02X", bytes[i] & 0xff));
    }
    return sb.append(']').toString();
  }
}
