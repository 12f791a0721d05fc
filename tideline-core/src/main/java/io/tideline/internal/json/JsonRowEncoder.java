package io.tideline.internal.json;

import io.tideline.internal.datetime.TimestampFormatter;
import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.MapVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;

/**
 * {@code to_json} and the JSON writer: encodes values of a column as JSON text the way Spark's
 * {@code JacksonGenerator} does: {@code {"a":1,"b":"x"}} without spaces, null struct fields left
 * out (unless {@code ignoreNullFields=false}), null array elements and map values written as {@code
 * null}, doubles as Java prints them (NaN and infinities as strings), decimals as {@code
 * BigDecimal.toString}, timestamps as {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} and dates as {@code
 * yyyy-MM-dd} in the session zone (or the user's timestampFormat / dateFormat), binary as base64.
 *
 * <p>Not thread-safe: one per task (thread). Per row it copies the encoded bytes once into the
 * output vector.
 */
public final class JsonRowEncoder {
  private final ValueWriter writer;
  private final JsonSink sink = new JsonSink(256);

  /**
   * @throws io.tideline.AnalysisException for an invalid option or a type JSON cannot hold
   */
  public JsonRowEncoder(DataType type, Map<String, String> options, ZoneId zone) {
    JsonOptions parsed = new JsonOptions(options, zone);
    this.writer = ValueWriter.of(type, parsed);
  }

  /**
   * Encodes rows {@code rows[0..count)} (physical indexes; null means {@code 0..count-1}) of {@code
   * input} into the same physical rows of {@code output} (STRING); a null input row gives null.
   */
  public void encode(ColumnVector input, int[] rows, int count, BytesVector output) {
    for (int k = 0; k < count; k++) {
      int r = rows == null ? k : rows[k];
      if (input.isNullAt(r)) {
        output.setNull(r);
        continue;
      }
      sink.reset();
      writer.write(input, r, sink);
      output.append(r, sink.buf, 0, sink.len);
    }
  }

  /** Appends the JSON text of row {@code row} of {@code input} (not null) to {@code out}. */
  void encodeTo(ColumnVector input, int row, JsonSink out) {
    writer.write(input, row, out);
  }

  /** Writes one non-null value of a vector as JSON; one subclass per type, built once. */
  abstract static class ValueWriter {
    abstract void write(ColumnVector v, int row, JsonSink out);

    static ValueWriter of(DataType type, JsonOptions o) {
      if (type instanceof StructType s) {
        return new StructWriter(s, o);
      }
      if (type instanceof ArrayType a) {
        return new ArrayWriter(of(a.elementType(), o));
      }
      if (type instanceof MapType m) {
        return new MapWriter(of(m.valueType(), o));
      }
      if (type instanceof DecimalType) {
        return new DecimalWriter();
      }
      AtomicType a = (AtomicType) type;
      return switch (a.kind()) {
        case BOOLEAN ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                out.writeAscii(((BooleanVector) v).get(row) ? "true" : "false");
              }
            };
        case BYTE, SHORT, INT ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                out.writeLong(((IntVector) v).get(row));
              }
            };
        case LONG ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                out.writeLong(((LongVector) v).get(row));
              }
            };
        case DOUBLE ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                writeDouble(((DoubleVector) v).get(row), out);
              }
            };
        case FLOAT ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                float f = ((FloatVector) v).get(row);
                if (Float.isFinite(f)) {
                  out.writeAscii(Float.toString(f));
                } else {
                  out.writeQuoted(Float.toString(f));
                }
              }
            };
        case STRING ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                BytesVector b = (BytesVector) v;
                out.writeQuoted(b.data(), b.start(row), b.length(row));
              }
            };
        case BINARY ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                out.write((byte) '"');
                byte[] enc = Base64.getEncoder().encode(((BytesVector) v).getBytes(row));
                out.write(enc, 0, enc.length);
                out.write((byte) '"');
              }
            };
        case TIMESTAMP -> new TimestampWriter(o);
        case DATE -> new DateWriter(o);
        case NULL ->
            new ValueWriter() {
              @Override
              void write(ColumnVector v, int row, JsonSink out) {
                out.writeAscii("null");
              }
            };
        case DAY_TIME_INTERVAL, YEAR_MONTH_INTERVAL ->
            throw JsonErrors.unsupportedType(
                "writer", a, "interval values are not written as JSON");
      };
    }
  }

  /**
   * Java's shortest repr, as Jackson's {@code writeNumber(double)}; NaN and infinities quoted, as
   * Jackson's default WRITE_NAN_AS_STRINGS does.
   */
  static void writeDouble(double d, JsonSink out) {
    if (d == (long) d && Math.abs(d) < 1e7 && !(d == 0 && 1 / d < 0)) {
      // Integral values print as "<n>.0" below 10^7; skip Double.toString's allocation.
      out.writeLong((long) d);
      out.writeAscii(".0");
    } else if (Double.isFinite(d)) {
      out.writeAscii(Double.toString(d));
    } else {
      out.writeQuoted(Double.toString(d));
    }
  }

  static final class StructWriter extends ValueWriter {
    private final byte[][] names;
    private final ValueWriter[] fields;
    private final boolean ignoreNullFields;

    StructWriter(StructType type, JsonOptions o) {
      int n = type.size();
      names = new byte[n][];
      fields = new ValueWriter[n];
      for (int i = 0; i < n; i++) {
        JsonSink s = new JsonSink(32);
        s.writeQuoted(type.field(i).name());
        s.write((byte) ':');
        names[i] = java.util.Arrays.copyOf(s.buf, s.len);
        fields[i] = of(type.field(i).dataType(), o);
      }
      ignoreNullFields = o.ignoreNullFields;
    }

    @Override
    void write(ColumnVector v, int row, JsonSink out) {
      StructVector s = (StructVector) v;
      out.write((byte) '{');
      boolean first = true;
      for (int i = 0; i < fields.length; i++) {
        ColumnVector child = s.child(i);
        boolean isNull = child.isNullAt(row);
        if (isNull && ignoreNullFields) {
          continue;
        }
        if (!first) {
          out.write((byte) ',');
        }
        first = false;
        out.write(names[i], 0, names[i].length);
        if (isNull) {
          out.writeAscii("null");
        } else {
          fields[i].write(child, row, out);
        }
      }
      out.write((byte) '}');
    }
  }

  static final class ArrayWriter extends ValueWriter {
    private final ValueWriter element;

    ArrayWriter(ValueWriter element) {
      this.element = element;
    }

    @Override
    void write(ColumnVector v, int row, JsonSink out) {
      ArrayVector a = (ArrayVector) v;
      ColumnVector elements = a.elements();
      int start = a.start(row);
      int n = a.length(row);
      out.write((byte) '[');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.write((byte) ',');
        }
        if (elements.isNullAt(start + i)) {
          out.writeAscii("null");
        } else {
          element.write(elements, start + i, out);
        }
      }
      out.write((byte) ']');
    }
  }

  static final class MapWriter extends ValueWriter {
    private final ValueWriter value;

    MapWriter(ValueWriter value) {
      this.value = value;
    }

    @Override
    void write(ColumnVector v, int row, JsonSink out) {
      MapVector m = (MapVector) v;
      ColumnVector keys = m.keys();
      ColumnVector values = m.values();
      int start = m.start(row);
      int n = m.length(row);
      out.write((byte) '{');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.write((byte) ',');
        }
        int e = start + i;
        if (keys instanceof BytesVector b && b.isString()) {
          out.writeQuoted(b.data(), b.start(e), b.length(e));
        } else {
          // Spark writes a non-string key as its string form.
          out.writeQuoted(String.valueOf(keys.getObject(e)));
        }
        out.write((byte) ':');
        if (values.isNullAt(e)) {
          out.writeAscii("null");
        } else {
          value.write(values, e, out);
        }
      }
      out.write((byte) '}');
    }
  }

  /** BigDecimal.toString's form (what Jackson writes), without a BigDecimal for plain values. */
  static final class DecimalWriter extends ValueWriter {
    @Override
    void write(ColumnVector v, int row, JsonSink out) {
      DecimalVector d = (DecimalVector) v;
      int scale = d.decimalType().scale();
      if (!d.isCompact()) {
        out.writeAscii(d.getDecimal(row).toString());
        return;
      }
      long unscaled = d.getUnscaled(row);
      if (scale == 0) {
        out.writeLong(unscaled);
        return;
      }
      long abs = Math.abs(unscaled);
      if (digits(abs) - 1 - scale < -6) {
        // BigDecimal.toString switches to scientific notation here.
        out.writeAscii(java.math.BigDecimal.valueOf(unscaled, scale).toString());
        return;
      }
      long pow = 1;
      for (int i = 0; i < scale; i++) {
        pow *= 10;
      }
      if (unscaled < 0) {
        out.write((byte) '-');
      }
      out.writeLong(abs / pow);
      out.write((byte) '.');
      long frac = abs % pow;
      for (int i = frac == 0 ? 0 : digits(frac); i < scale; i++) {
        out.write((byte) '0');
      }
      if (frac != 0) {
        out.writeLong(frac);
      }
    }

    private static int digits(long v) {
      int n = 1;
      while (v >= 10) {
        v /= 10;
        n++;
      }
      return n;
    }
  }

  static final class TimestampWriter extends ValueWriter {
    private final ZoneId zone;
    private final TimestampFormatter formatter;

    TimestampWriter(JsonOptions o) {
      this.zone = o.zone;
      this.formatter =
          o.timestampFormat == null ? null : TimestampFormatter.of(o.timestampFormat, o.zone);
    }

    @Override
    void write(ColumnVector v, int row, JsonSink out) {
      long micros = ((LongVector) v).get(row);
      if (formatter != null) {
        out.writeQuoted(formatter.format(micros));
        return;
      }
      out.ensure(48);
      out.buf[out.len++] = '"';
      out.len = IsoDateTimes.writeTimestamp(out.buf, out.len, micros, zone);
      out.buf[out.len++] = '"';
    }
  }

  static final class DateWriter extends ValueWriter {
    private final TimestampFormatter formatter;

    DateWriter(JsonOptions o) {
      this.formatter = o.dateFormat == null ? null : TimestampFormatter.of(o.dateFormat, o.zone);
    }

    @Override
    void write(ColumnVector v, int row, JsonSink out) {
      int days = ((IntVector) v).get(row);
      if (formatter != null) {
        out.writeQuoted(formatter.formatDate(days));
        return;
      }
      out.ensure(24);
      out.buf[out.len++] = '"';
      out.len = IsoDateTimes.writeDate(out.buf, out.len, days);
      out.buf[out.len++] = '"';
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
