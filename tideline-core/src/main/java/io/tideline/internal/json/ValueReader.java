package io.tideline.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.tideline.internal.datetime.DateTimeUtils;
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
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts the JSON value under the parser's current token into one slot of a column vector, by
 * Spark's rules ({@code JacksonParser.makeConverter}); one subclass per target type, built once per
 * schema.
 *
 * <p>Contract: {@link #read} is called with the value's first token, never {@code VALUE_NULL} (the
 * caller writes the null); it leaves the parser on the value's last token. A value of the wrong
 * JSON type throws {@link ConversionFailure} with the parser still on the value's first token, so
 * the caller can null the slot, skip the value and keep the rest of the record (Spark's partial
 * results).
 */
abstract class ValueReader {

  abstract void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException;

  /**
   * Thrown when a value does not convert; preallocated, without a stack trace, because malformed
   * fields can be frequent in dirty data and must not cost an exception each.
   */
  static final class ConversionFailure extends RuntimeException {
    static final ConversionFailure INSTANCE = new ConversionFailure();

    private ConversionFailure() {
      super("JSON value does not convert", null, false, false);
    }
  }

  static ConversionFailure fail(DecodeState state, JsonToken t, DataType type) {
    state.failure(t, type);
    return ConversionFailure.INSTANCE;
  }

  /** Builds the reader for {@code type}. */
  static ValueReader of(DataType type, DecodeState state) {
    if (type instanceof StructType s) {
      return new StructReader(s, state, null);
    }
    if (type instanceof ArrayType a) {
      return new ArrayReader(a, of(a.elementType(), state), state);
    }
    if (type instanceof MapType m) {
      if (m.keyType() != DataTypes.StringType) {
        throw JsonErrors.unsupportedType("reader", m, "a map key must be STRING in JSON");
      }
      return new MapReader(m, of(m.valueType(), state), state);
    }
    if (type instanceof DecimalType d) {
      return new DecimalReader(d, state);
    }
    AtomicType a = (AtomicType) type;
    return switch (a.kind()) {
      case BOOLEAN -> new BooleanReader(state);
      case BYTE, SHORT, INT -> new IntReader(a.kind(), state);
      case LONG -> new LongReader(state);
      case FLOAT -> new FloatReader(state);
      case DOUBLE -> new DoubleReader(state);
      case STRING -> new StringReader(state);
      case BINARY -> new BinaryReader(state);
      case TIMESTAMP -> new TimestampReader(state);
      case DATE -> new DateReader(state);
      case NULL -> new NullReader();
      case DAY_TIME_INTERVAL, YEAR_MONTH_INTERVAL ->
          throw JsonErrors.unsupportedType("reader", a, "interval fields are not read from JSON");
    };
  }

  /** A JSON object into a struct: fields by exact name, unknown keys skipped, the last key wins. */
  static final class StructReader extends ValueReader {
    private final StructType type;
    private final DecodeState state;
    private final String[] names;
    private final ValueReader[] readers;

    /**
     * Schema position of each parsed field; -1 for a field that is not decoded (corrupt column).
     */
    private final Map<String, Integer> index = new HashMap<>();

    private final int[] seenStamp;
    private int stamp;

    StructReader(StructType type, DecodeState state, String skippedField) {
      this.type = type;
      this.state = state;
      int n = type.size();
      this.names = new String[n];
      this.readers = new ValueReader[n];
      this.seenStamp = new int[n];
      for (int i = 0; i < n; i++) {
        String name = type.field(i).name();
        if (name.equals(skippedField)) {
          continue;
        }
        // Jackson interns field names, so the common in-order case is an identity comparison.
        names[i] = name.intern();
        readers[i] = of(type.field(i).dataType(), state);
        index.put(name, i);
      }
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      if (t != JsonToken.START_OBJECT) {
        throw fail(state, t, type);
      }
      readObject(p, (StructVector) out, row);
    }

    /** Reads the object whose START_OBJECT is current; leaves the parser on its END_OBJECT. */
    void readObject(JsonParser p, StructVector out, int row) throws IOException {
      int s = ++stamp;
      if (s == 0) {
        java.util.Arrays.fill(seenStamp, 0);
        s = stamp = 1;
      }
      String[] names = this.names;
      int expected = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
        String name = p.currentName();
        int i;
        if (expected < names.length && names[expected] == name) {
          i = expected;
        } else {
          Integer found = index.get(name);
          i = found == null ? -1 : found;
        }
        t = p.nextToken();
        if (i < 0) {
          p.skipChildren();
          continue;
        }
        expected = i + 1;
        seenStamp[i] = s;
        ColumnVector child = out.child(i);
        if (t == JsonToken.VALUE_NULL) {
          child.setNull(row);
          continue;
        }
        try {
          readers[i].read(p, t, child, row);
        } catch (ConversionFailure f) {
          state.failedField(names[i]);
          child.setNull(row);
          p.skipChildren();
        }
      }
      int[] seen = seenStamp;
      for (int i = 0; i < seen.length; i++) {
        if (seen[i] != s) {
          out.child(i).setNull(row);
        }
      }
      out.setNotNull(row);
    }
  }

  /** A JSON array; a bad element becomes null and the rest are kept (Spark's partial arrays). */
  static final class ArrayReader extends ValueReader {
    private final ArrayType type;
    private final ValueReader element;
    private final DecodeState state;

    ArrayReader(ArrayType type, ValueReader element, DecodeState state) {
      this.type = type;
      this.element = element;
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      if (t != JsonToken.START_ARRAY) {
        throw fail(state, t, type);
      }
      ArrayVector av = (ArrayVector) out;
      ColumnVector elements = av.elements();
      int start = av.reserveElements(0);
      int n = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        int at = av.reserveElements(1);
        n++;
        if (t == JsonToken.VALUE_NULL) {
          elements.setNull(at);
          continue;
        }
        try {
          element.read(p, t, elements, at);
        } catch (ConversionFailure f) {
          elements.setNull(at);
          p.skipChildren();
        }
      }
      av.setSlice(row, start, n);
    }
  }

  /** A JSON object into a map with STRING keys, in input order; a bad value drops its entry. */
  static final class MapReader extends ValueReader {
    private final MapType type;
    private final ValueReader value;
    private final DecodeState state;

    MapReader(MapType type, ValueReader value, DecodeState state) {
      this.type = type;
      this.value = value;
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      if (t != JsonToken.START_OBJECT) {
        throw fail(state, t, type);
      }
      MapVector mv = (MapVector) out;
      BytesVector keys = (BytesVector) mv.keys();
      ColumnVector values = mv.values();
      int start = mv.reserveEntries(0);
      int n = 0;
      while (p.nextToken() != JsonToken.END_OBJECT) {
        int at = start + n;
        mv.reserveEntries(1);
        // The key goes in first, from Jackson's buffer; a dropped entry's slot is reused.
        Utf8Writer.write(keys, at, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          values.setNull(at);
        } else {
          try {
            value.read(p, t, values, at);
          } catch (ConversionFailure f) {
            p.skipChildren();
            // Give the slot back: Spark leaves a bad entry out of the map.
            mv.reserveEntries(-1);
            continue;
          }
        }
        n++;
      }
      checkDuplicateKeys(keys, start, n);
      mv.setSlice(row, start, n);
    }

    /**
     * Spark's default map-key policy (EXCEPTION) fails a query on a duplicate key, even in
     * PERMISSIVE mode. Maps from JSON are small, so pairwise comparison beats hashing.
     */
    private static void checkDuplicateKeys(BytesVector keys, int start, int n) {
      byte[] data = keys.data();
      for (int i = start + 1; i < start + n; i++) {
        for (int j = start; j < i; j++) {
          if (keys.equalsBytes(i, data, keys.start(j), keys.length(j))) {
            throw JsonErrors.duplicatedMapKey(keys.getString(i));
          }
        }
      }
    }
  }

  static final class BooleanReader extends ValueReader {
    private final DecodeState state;

    BooleanReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) {
      BooleanVector v = (BooleanVector) out;
      if (t == JsonToken.VALUE_TRUE) {
        v.set(row, true);
      } else if (t == JsonToken.VALUE_FALSE) {
        v.set(row, false);
      } else {
        throw fail(state, t, DataTypes.BooleanType);
      }
      v.setNotNull(row);
    }
  }

  /** TINYINT, SMALLINT and INT: JSON integers in range (Jackson's range rules, as Spark). */
  static final class IntReader extends ValueReader {
    private final AtomicType.Kind kind;
    private final DecodeState state;

    IntReader(AtomicType.Kind kind, DecodeState state) {
      this.kind = kind;
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw fail(state, t, out.type());
      }
      IntVector v = (IntVector) out;
      try {
        int value =
            switch (kind) {
              case BYTE -> p.getByteValue();
              case SHORT -> p.getShortValue();
              default -> p.getIntValue();
            };
        v.set(row, value);
      } catch (InputCoercionException e) {
        throw fail(state, t, out.type());
      }
      v.setNotNull(row);
    }
  }

  static final class LongReader extends ValueReader {
    private final DecodeState state;

    LongReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw fail(state, t, DataTypes.LongType);
      }
      LongVector v = (LongVector) out;
      try {
        v.set(row, p.getLongValue());
      } catch (InputCoercionException e) {
        throw fail(state, t, DataTypes.LongType);
      }
      v.setNotNull(row);
    }
  }

  /**
   * The special floating-point strings Spark accepts when allowNonNumericNumbers is on: +1 for
   * infinity, -1 for minus infinity, 0 for NaN, 2 for anything else.
   */
  static int nonNumeric(JsonParser p) throws IOException {
    char[] cs = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (equals(cs, off, len, "NaN")) {
      return 0;
    }
    if (equals(cs, off, len, "Infinity")
        || equals(cs, off, len, "+Infinity")
        || equals(cs, off, len, "+INF")) {
      return 1;
    }
    if (equals(cs, off, len, "-Infinity") || equals(cs, off, len, "-INF")) {
      return -1;
    }
    return 2;
  }

  static boolean equals(char[] cs, int off, int len, String s) {
    if (len != s.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (cs[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static final class DoubleReader extends ValueReader {
    private final DecodeState state;

    DoubleReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      DoubleVector v = (DoubleVector) out;
      if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
        v.set(row, p.getDoubleValue());
      } else if (t == JsonToken.VALUE_STRING
          && p.getTextLength() > 0
          && state.options.allowNonNumericNumbers) {
        switch (nonNumeric(p)) {
          case 0 -> v.set(row, Double.NaN);
          case 1 -> v.set(row, Double.POSITIVE_INFINITY);
          case -1 -> v.set(row, Double.NEGATIVE_INFINITY);
          default -> throw fail(state, t, DataTypes.DoubleType);
        }
      } else {
        throw fail(state, t, DataTypes.DoubleType);
      }
      v.setNotNull(row);
    }
  }

  static final class FloatReader extends ValueReader {
    private final DecodeState state;

    FloatReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      FloatVector v = (FloatVector) out;
      if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
        v.set(row, p.getFloatValue());
      } else if (t == JsonToken.VALUE_STRING
          && p.getTextLength() > 0
          && state.options.allowNonNumericNumbers) {
        switch (nonNumeric(p)) {
          case 0 -> v.set(row, Float.NaN);
          case 1 -> v.set(row, Float.POSITIVE_INFINITY);
          case -1 -> v.set(row, Float.NEGATIVE_INFINITY);
          default -> throw fail(state, t, DataTypes.FloatType);
        }
      } else {
        throw fail(state, t, DataTypes.FloatType);
      }
      v.setNotNull(row);
    }
  }

  /**
   * DECIMAL from the JSON number's own text (never through a double), rounded HALF_UP to the scale;
   * a value too wide for the precision does not convert. Also from a string, with ',' grouping
   * removed, as Spark's US-locale decimal parser does.
   */
  static final class DecimalReader extends ValueReader {
    private final DecimalType type;
    private final DecodeState state;

    DecimalReader(DecimalType type, DecodeState state) {
      this.type = type;
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      DecimalVector v = (DecimalVector) out;
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        if (v.isCompact()
            && readCompact(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), v, row)) {
          return;
        }
        BigDecimal d;
        try {
          d = p.getDecimalValue();
        } catch (NumberFormatException | InputCoercionException e) {
          throw fail(state, t, type);
        }
        store(d, v, row, t);
      } else if (t == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
        BigDecimal d;
        try {
          d = new BigDecimal(p.getText().replace(",", ""));
        } catch (NumberFormatException e) {
          throw fail(state, t, type);
        }
        store(d, v, row, t);
      } else {
        throw fail(state, t, type);
      }
    }

    /**
     * Rounds {@code d} into the slot; decides too-wide and rounds-to-zero values from the exponent
     * first, so that {@code 1e999999999} cannot make {@code setScale} build a huge number.
     */
    private void store(BigDecimal d, DecimalVector v, int row, JsonToken t) {
      if (d.signum() == 0) {
        v.setUnscaled(row, 0);
        return;
      }
      long integerDigits = (long) d.precision() - d.scale();
      if (integerDigits > type.precision() - type.scale()) {
        throw fail(state, t, type);
      }
      if (integerDigits < -type.scale() - 1) {
        v.setUnscaled(row, 0);
        return;
      }
      if (!v.setDecimal(row, d)) {
        throw fail(state, t, type);
      }
    }

    /**
     * The fast path for plain numbers ({@code -123.45}) into a long-backed decimal; false when the
     * text has an exponent or too many digits, leaving the slot untouched for the general path.
     */
    private boolean readCompact(char[] cs, int off, int len, DecimalVector v, int row) {
      int end = off + len;
      int i = off;
      boolean negative = false;
      if (i < end && (cs[i] == '-' || cs[i] == '+')) {
        negative = cs[i] == '-';
        i++;
      }
      long unscaled = 0;
      int digits = 0;
      boolean seenDigit = false;
      while (i < end && cs[i] >= '0' && cs[i] <= '9') {
        unscaled = unscaled * 10 + (cs[i] - '0');
        if (unscaled != 0) {
          digits++;
        }
        seenDigit = true;
        i++;
      }
      int scale = type.scale();
      int fraction = 0;
      boolean roundUp = false;
      if (i < end && cs[i] == '.') {
        i++;
        while (i < end && cs[i] >= '0' && cs[i] <= '9') {
          if (fraction < scale) {
            unscaled = unscaled * 10 + (cs[i] - '0');
            if (unscaled != 0) {
              digits++;
            }
            fraction++;
          } else if (fraction == scale) {
            roundUp = cs[i] >= '5';
            fraction++;
          }
          seenDigit = true;
          i++;
        }
      }
      if (i != end || !seenDigit || digits > 17) {
        return false;
      }
      int pad = scale - Math.min(fraction, scale);
      if (unscaled != 0 && digits + pad > type.precision()) {
        throw fail(state, JsonToken.VALUE_NUMBER_FLOAT, type);
      }
      for (int k = 0; k < pad; k++) {
        unscaled *= 10;
      }
      if (roundUp) {
        unscaled++;
      }
      long limit = POWERS_OF_TEN[type.precision()];
      if (unscaled >= limit) {
        throw fail(state, JsonToken.VALUE_NUMBER_FLOAT, type);
      }
      v.setUnscaled(row, negative ? -unscaled : unscaled);
      return true;
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
      POWERS_OF_TEN[0] = 1;
      for (int i = 1; i < POWERS_OF_TEN.length; i++) {
        POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
      }
    }
  }

  /**
   * STRING: a JSON string's text; any other value as its exact JSON text from the input (Spark's
   * exact string parsing), e.g. {@code 123.450} or {@code {"b" : 1}}.
   */
  static final class StringReader extends ValueReader {
    private final DecodeState state;

    StringReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      BytesVector v = (BytesVector) out;
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        v.append(row, state.input, state.inputOffset + start, end - start);
      } else if (t != JsonToken.VALUE_STRING || !copyPlainAscii(p, v, row)) {
        Utf8Writer.write(v, row, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      }
    }

    /**
     * Copies a string's bytes straight from the input when they are printable ASCII without escapes
     * (ids, names, codes: most JSON strings), sparing Jackson's decode to UTF-16 and our re-encode.
     * Anything else (escapes, non-ASCII, which Jackson must validate) returns false for the general
     * path.
     */
    private boolean copyPlainAscii(JsonParser p, BytesVector v, int row) {
      byte[] in = state.input;
      int quoteAt = state.inputOffset + (int) p.currentTokenLocation().getByteOffset();
      byte quote = in[quoteAt];
      int i = quoteAt + 1;
      int end = state.inputEnd;
      while (i < end) {
        byte b = in[i];
        if (b == quote) {
          v.append(row, in, quoteAt + 1, i - quoteAt - 1);
          return true;
        }
        if (b < 0x20 || b == '\\') {
          return false;
        }
        i++;
      }
      return false;
    }
  }

  static final class BinaryReader extends ValueReader {
    private final DecodeState state;

    BinaryReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      if (t != JsonToken.VALUE_STRING) {
        throw fail(state, t, DataTypes.BinaryType);
      }
      byte[] bytes;
      try {
        bytes = p.getBinaryValue();
      } catch (com.fasterxml.jackson.core.JsonParseException | IllegalArgumentException e) {
        throw fail(state, t, DataTypes.BinaryType);
      }
      ((BytesVector) out).append(row, bytes);
    }
  }

  /**
   * TIMESTAMP from a string (timestampFormat, then Spark's fallback when the user set no format) or
   * from an integer number of seconds since the epoch.
   */
  static final class TimestampReader extends ValueReader {
    private final DecodeState state;
    private TimestampFormatter formatter;

    TimestampReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      LongVector v = (LongVector) out;
      if (t == JsonToken.VALUE_NUMBER_INT) {
        try {
          v.set(row, p.getLongValue() * 1_000_000L);
        } catch (InputCoercionException e) {
          throw fail(state, t, DataTypes.TimestampType);
        }
      } else if (t == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
        char[] cs = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        JsonOptions o = state.options;
        long micros = IsoDateTimes.NOT_HANDLED;
        if (o.timestampFormat == null) {
          micros = IsoDateTimes.parseTimestamp(cs, off, len, o.zone);
        }
        if (micros == IsoDateTimes.NOT_HANDLED) {
          micros = parseGeneral(cs, off, len);
        }
        if (micros == DateTimeUtils.INVALID_TIMESTAMP) {
          throw fail(state, t, DataTypes.TimestampType);
        }
        v.set(row, micros);
      } else {
        throw fail(state, t, DataTypes.TimestampType);
      }
      v.setNotNull(row);
    }

    private long parseGeneral(char[] cs, int off, int len) {
      JsonOptions o = state.options;
      int n = state.ascii(cs, off, len);
      if (formatter == null) {
        formatter =
            TimestampFormatter.of(
                o.timestampFormat == null
                    ? JsonOptions.DEFAULT_TIMESTAMP_READ_FORMAT
                    : o.timestampFormat,
                o.zone);
      }
      long micros = formatter.parse(state.scratch, 0, n);
      if (micros == DateTimeUtils.INVALID_TIMESTAMP && o.timestampFormat == null) {
        micros = DateTimeUtils.stringToTimestamp(state.scratch, 0, n, o.zone);
      }
      return micros;
    }
  }

  /** DATE from a string: dateFormat, then Spark's fallback when the user set no format. */
  static final class DateReader extends ValueReader {
    private final DecodeState state;
    private TimestampFormatter formatter;

    DateReader(DecodeState state) {
      this.state = state;
    }

    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      if (t != JsonToken.VALUE_STRING || p.getTextLength() == 0) {
        throw fail(state, t, DataTypes.DateType);
      }
      char[] cs = p.getTextCharacters();
      int off = p.getTextOffset();
      int len = p.getTextLength();
      JsonOptions o = state.options;
      int days = IsoDateTimes.DATE_NOT_HANDLED;
      if (o.dateFormat == null) {
        days = IsoDateTimes.parseDate(cs, off, len);
      }
      if (days == IsoDateTimes.DATE_NOT_HANDLED) {
        days = parseGeneral(cs, off, len);
      }
      if (days == DateTimeUtils.INVALID_DATE) {
        throw fail(state, t, DataTypes.DateType);
      }
      IntVector v = (IntVector) out;
      v.set(row, days);
      v.setNotNull(row);
    }

    private int parseGeneral(char[] cs, int off, int len) {
      JsonOptions o = state.options;
      int n = state.ascii(cs, off, len);
      if (formatter == null) {
        formatter =
            TimestampFormatter.of(
                o.dateFormat == null ? JsonOptions.DEFAULT_DATE_FORMAT : o.dateFormat, o.zone);
      }
      int days = formatter.parseDate(state.scratch, 0, n);
      if (days == DateTimeUtils.INVALID_DATE && o.dateFormat == null) {
        days = DateTimeUtils.stringToDate(state.scratch, 0, n);
        if (days == DateTimeUtils.INVALID_DATE) {
          days = daysAsText(cs, off, len);
        }
      }
      return days;
    }

    /** Spark 1.5 wrote dates as a day count in a string; Spark still reads those. */
    private static int daysAsText(char[] cs, int off, int len) {
      try {
        return Integer.parseInt(new String(cs, off, len));
      } catch (NumberFormatException e) {
        return DateTimeUtils.INVALID_DATE;
      }
    }
  }

  /** VOID: every value reads as null. */
  static final class NullReader extends ValueReader {
    @Override
    void read(JsonParser p, JsonToken t, ColumnVector out, int row) throws IOException {
      p.skipChildren();
      out.setNull(row);
    }
  }
}
