package io.tideline.internal.json;

import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.StructType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hand-written byte-level decoder for the plain, flat JSON records that make up almost all JSON
 * Lines data: {@code {"key": value, ...}} scanned straight over the read buffer, with only the
 * required fields converted and every other value skipped by a validating scan.
 *
 * <p>Contract: {@link #decode} either decodes a record completely, with exactly the values the
 * Jackson-based {@link ValueReader}s would give, and returns true; or it writes nothing and returns
 * false ("not handled"), and the caller decodes the record with Jackson as before. So using it
 * never changes a result, in any mode. It declines anything it is not certain about: escapes or
 * non-ASCII bytes in a needed string or in any top-level key, non-ASCII bytes in any string, a
 * nested value for a needed field, a duplicate needed field, anything Jackson would reject
 * (malformed records are always Jackson's) or accept only through a lenient option (single quotes,
 * comments, leading zeros, NaN), numbers it cannot convert exactly, and any value that does not
 * convert to its field's type (Spark's partial results are Jackson's too).
 *
 * <p>How: pass 1 validates the whole record and notes where each needed value lies; pass 2 converts
 * the needed values into scratch slots; pass 3 writes the row. Declining in pass 1 or 2 leaves the
 * output untouched.
 *
 * <p>Not thread-safe: one instance per {@link RecordDecoder}. Allocates nothing per record, except
 * for a double with more than 18 significant digits or beyond the exact fast path.
 */
final class FastRecordScanner {
  private static final int K_STRING = 0;
  private static final int K_LONG = 1;
  private static final int K_INT = 2;
  private static final int K_DOUBLE = 3;
  private static final int K_BOOLEAN = 4;
  private static final int K_TIMESTAMP = 5;
  private static final int K_DATE = 6;

  private static final byte V_NULL = 0;
  private static final byte V_STRING = 1;
  private static final byte V_INT = 2;
  private static final byte V_FLOAT = 3;
  private static final byte V_TRUE = 4;
  private static final byte V_FALSE = 5;

  /** Jackson refuses deeper nesting (its StreamReadConstraints); well before that, decline. */
  private static final int MAX_DEPTH = 200;

  /** Jackson refuses longer names (StreamReadConstraints' default); decline long keys. */
  private static final int MAX_KEY_LENGTH = 1000;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  /** Schema positions of the decoded fields (the corrupt-record column is not one). */
  private final int[] positions;

  private final byte[][] names;

  /**
   * Per field, the first eight bytes of its name and closing quote as a little-endian word, and the
   * mask of the bytes that count; a zero mask for a name no raw key can spell (with a quote, a
   * backslash, a control or non-ASCII byte) or that is too long, which then never matches by word.
   */
  private final long[] prefixes;

  private final long[] prefixMasks;
  private final int[] kinds;
  private final boolean timestampIso;
  private final boolean dateIso;
  private final int corruptIndex;
  private final java.time.ZoneId zone;

  private final int[] seenStamp;
  private int stamp;
  private final byte[] valueKind;
  private final int[] valueStart;
  private final int[] valueEnd;
  private final long[] longs;
  private final double[] doubles;
  private final char[] chars = new char[64];

  /** Whether the number {@link #skipNumber} last read has a fraction or an exponent. */
  private boolean numberIsFloat;

  private FastRecordScanner(StructType schema, JsonOptions options, int corruptIndex) {
    int n = schema.size() - (corruptIndex >= 0 ? 1 : 0);
    this.positions = new int[n];
    this.names = new byte[n][];
    this.kinds = new int[n];
    int k = 0;
    for (int i = 0; i < schema.size(); i++) {
      if (i == corruptIndex) {
        continue;
      }
      positions[k] = i;
      names[k] = schema.field(i).name().getBytes(StandardCharsets.UTF_8);
      kinds[k] = kindOf(schema.field(i).dataType());
      k++;
    }
    this.prefixes = new long[n];
    this.prefixMasks = new long[n];
    for (int f = 0; f < n; f++) {
      byte[] quoted = Arrays.copyOf(names[f], names[f].length + 1);
      quoted[names[f].length] = '"';
      if (names[f].length > MAX_KEY_LENGTH
          || findSpecial(quoted, 0, names[f].length) < names[f].length) {
        prefixes[f] = 1;
        continue;
      }
      for (int b = 0; b < Math.min(8, quoted.length); b++) {
        prefixes[f] |= (quoted[b] & 0xFFL) << (8 * b);
        prefixMasks[f] |= 0xFFL << (8 * b);
      }
    }
    this.corruptIndex = corruptIndex;
    this.timestampIso = options.timestampFormat == null;
    this.dateIso = options.dateFormat == null;
    this.zone = options.zone;
    this.seenStamp = new int[n];
    this.valueKind = new byte[n];
    this.valueStart = new int[n];
    this.valueEnd = new int[n];
    this.longs = new long[n];
    this.doubles = new double[n];
  }

  /**
   * The scanner for {@code schema}, or null when the schema has a field type it does not decode
   * (only flat STRING, BIGINT, INT, DOUBLE, BOOLEAN, TIMESTAMP and DATE fields with distinct names
   * are supported).
   */
  static FastRecordScanner forSchema(StructType schema, JsonOptions options, int corruptIndex) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < schema.size(); i++) {
      if (i != corruptIndex
          && (kindOf(schema.field(i).dataType()) < 0 || !seen.add(schema.field(i).name()))) {
        return null;
      }
    }
    return new FastRecordScanner(schema, options, corruptIndex);
  }

  private static int kindOf(DataType type) {
    if (!(type instanceof AtomicType a)) {
      return -1;
    }
    return switch (a.kind()) {
      case STRING -> K_STRING;
      case LONG -> K_LONG;
      case INT -> K_INT;
      case DOUBLE -> K_DOUBLE;
      case BOOLEAN -> K_BOOLEAN;
      case TIMESTAMP -> K_TIMESTAMP;
      case DATE -> K_DATE;
      default -> -1;
    };
  }

  /**
   * Decodes the record {@code buf[from, end)}, whose first byte is not white space, into row {@code
   * row} of {@code out}; false, with nothing written, when the record is not one it handles.
   */
  boolean decode(byte[] buf, int from, int end, StructVector out, int row) {
    int s = nextStamp();
    if (scan(buf, from, end, s) != end || !convert(buf, s)) {
      return false;
    }
    write(buf, s, out, row);
    return true;
  }

  /**
   * Decodes the line that starts at {@code from} and ends at the first {@code \n} before {@code
   * limit}, finding that end itself (so the line is scanned once, not once for its end and again
   * for its record); returns the position of that {@code \n}, or -1, with nothing written, when the
   * line is not one it handles (blank, unusual, or not ending before {@code limit}).
   */
  int decodeLine(byte[] buf, int from, int limit, StructVector out, int row) {
    int first = skipWhitespace(buf, from, limit);
    if (first >= limit) {
      return -1;
    }
    int s = nextStamp();
    int stop = scan(buf, first, limit, s);
    if (stop < 0 || stop >= limit || buf[stop] != '\n' || !convert(buf, s)) {
      return -1;
    }
    write(buf, s, out, row);
    return stop;
  }

  private int nextStamp() {
    int s = ++stamp;
    if (s == 0) {
      Arrays.fill(seenStamp, 0);
      s = stamp = 1;
    }
    return s;
  }

  /**
   * Pass 1: validates the record at {@code from} and notes each needed value; returns the position
   * after the record and the white space that follows it, or -1 to decline.
   */
  private int scan(byte[] buf, int from, int end, int s) {
    if (buf[from] != '{') {
      return -1;
    }
    int i = skipWhitespace(buf, from + 1, end);
    if (i < end && buf[i] == '}') {
      return skipWhitespace(buf, i + 1, end);
    }
    int expected = 0;
    while (true) {
      if (i >= end || buf[i] != '"') {
        return -1;
      }
      int keyStart = i + 1;
      int f;
      int j;
      if (expected < names.length && isExpectedKey(buf, keyStart, end, expected)) {
        f = expected;
        j = keyStart + names[f].length;
      } else {
        j = findSpecial(buf, keyStart, end);
        // Escapes could spell a needed name; control and non-ASCII bytes need Jackson's checks.
        if (j >= end || buf[j] != '"') {
          return -1;
        }
        int keyLength = j - keyStart;
        if (keyLength > MAX_KEY_LENGTH) {
          return -1;
        }
        f = field(buf, keyStart, keyLength, expected);
      }
      i = skipWhitespace(buf, j + 1, end);
      if (i >= end || buf[i] != ':') {
        return -1;
      }
      i = skipWhitespace(buf, i + 1, end);
      if (i >= end) {
        return -1;
      }
      if (f < 0) {
        i = skipValue(buf, i, end, 0);
      } else {
        if (seenStamp[f] == s) {
          return -1;
        }
        seenStamp[f] = s;
        expected = f + 1;
        i = scanScalar(buf, i, end, f);
      }
      if (i < 0) {
        return -1;
      }
      i = skipWhitespace(buf, i, end);
      if (i >= end) {
        return -1;
      }
      byte b = buf[i];
      if (b == ',') {
        i = skipWhitespace(buf, i + 1, end);
      } else if (b == '}') {
        return skipWhitespace(buf, i + 1, end);
      } else {
        return -1;
      }
    }
  }

  /**
   * Whether the key at {@code at} is exactly the name of field {@code f} followed by its closing
   * quote: for the common case, fields in schema order, one word comparison instead of a scan.
   */
  private boolean isExpectedKey(byte[] buf, int at, int end, int f) {
    int len = names[f].length;
    if (at + 8 > buf.length || at + len >= end) {
      return false;
    }
    long w = (long) LONGS.get(buf, at);
    if ((w & prefixMasks[f]) != prefixes[f]) {
      return false;
    }
    if (len < 8) {
      return true;
    }
    for (int k = 8; k < len; k++) {
      if (buf[at + k] != names[f][k]) {
        return false;
      }
    }
    return buf[at + len] == '"';
  }

  /** The needed field named by {@code buf[at, at+len)}, trying the next in schema order first. */
  private int field(byte[] buf, int at, int len, int expected) {
    byte[][] names = this.names;
    if (expected < names.length && nameIs(names[expected], buf, at, len)) {
      return expected;
    }
    for (int f = 0; f < names.length; f++) {
      if (f != expected && nameIs(names[f], buf, at, len)) {
        return f;
      }
    }
    return -1;
  }

  private static boolean nameIs(byte[] name, byte[] buf, int at, int len) {
    if (name.length != len) {
      return false;
    }
    // Field names are short: a plain loop beats the setup of a vectorized mismatch.
    for (int k = 0; k < len; k++) {
      if (name[k] != buf[at + k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Notes the scalar value of needed field {@code f} at {@code i}; returns the position after it,
   * or -1 to decline.
   */
  private int scanScalar(byte[] buf, int i, int end, int f) {
    byte b = buf[i];
    if (b == '"') {
      int j = findSpecial(buf, i + 1, end);
      if (j >= end || buf[j] != '"') {
        return -1;
      }
      valueKind[f] = V_STRING;
      valueStart[f] = i + 1;
      valueEnd[f] = j;
      return j + 1;
    }
    if (b == '-' || (b >= '0' && b <= '9')) {
      int j = skipNumber(buf, i, end);
      if (j < 0) {
        return -1;
      }
      valueKind[f] = numberIsFloat ? V_FLOAT : V_INT;
      valueStart[f] = i;
      valueEnd[f] = j;
      return j;
    }
    int j = skipLiteral(buf, i, end);
    if (j < 0) {
      return -1;
    }
    valueKind[f] = b == 't' ? V_TRUE : b == 'f' ? V_FALSE : V_NULL;
    valueStart[f] = i;
    valueEnd[f] = j;
    return j;
  }

  /** Skips any JSON value at {@code i}, validating it as Jackson would; -1 to decline. */
  private int skipValue(byte[] buf, int i, int end, int depth) {
    byte b = buf[i];
    if (b == '"') {
      return skipString(buf, i, end);
    }
    if (b == '-' || (b >= '0' && b <= '9')) {
      return skipNumber(buf, i, end);
    }
    if (b == '{' || b == '[') {
      return depth >= MAX_DEPTH ? -1 : skipContainer(buf, i, end, depth + 1);
    }
    return skipLiteral(buf, i, end);
  }

  private int skipContainer(byte[] buf, int i, int end, int depth) {
    boolean object = buf[i] == '{';
    byte close = object ? (byte) '}' : (byte) ']';
    i = skipWhitespace(buf, i + 1, end);
    if (i < end && buf[i] == close) {
      return i + 1;
    }
    while (true) {
      if (i >= end) {
        return -1;
      }
      if (object) {
        if (buf[i] != '"') {
          return -1;
        }
        int keyAt = i;
        i = skipString(buf, i, end);
        if (i < 0 || i - keyAt > MAX_KEY_LENGTH) {
          return -1;
        }
        i = skipWhitespace(buf, i, end);
        if (i >= end || buf[i] != ':') {
          return -1;
        }
        i = skipWhitespace(buf, i + 1, end);
        if (i >= end) {
          return -1;
        }
      }
      i = skipValue(buf, i, end, depth);
      if (i < 0) {
        return -1;
      }
      i = skipWhitespace(buf, i, end);
      if (i >= end) {
        return -1;
      }
      byte b = buf[i];
      if (b == close) {
        return i + 1;
      }
      if (b != ',') {
        return -1;
      }
      i = skipWhitespace(buf, i + 1, end);
    }
  }

  /** Skips the string whose opening quote is at {@code i}, checking its escapes. */
  private static int skipString(byte[] buf, int i, int end) {
    int j = i + 1;
    while (true) {
      j = findSpecial(buf, j, end);
      if (j >= end) {
        return -1;
      }
      byte c = buf[j];
      if (c == '"') {
        return j + 1;
      }
      if (c != '\\') {
        // Control characters need an option, and non-ASCII needs Jackson's UTF-8 validation.
        return -1;
      }
      j = skipEscape(buf, j, end);
      if (j < 0) {
        return -1;
      }
    }
  }

  /** The position after the valid escape at {@code j}, or -1 for one Jackson would reject. */
  private static int skipEscape(byte[] buf, int j, int end) {
    if (j + 1 >= end) {
      return -1;
    }
    byte e = buf[j + 1];
    if (e == 'u') {
      if (j + 6 > end) {
        return -1;
      }
      for (int k = j + 2; k < j + 6; k++) {
        if (Character.digit(buf[k], 16) < 0) {
          return -1;
        }
      }
      return j + 6;
    }
    boolean simple =
        e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
            || e == 't';
    return simple ? j + 2 : -1;
  }

  /**
   * The position of the first byte in {@code buf[j, end)} that ends a plain ASCII string run: a
   * quote, a backslash, a control byte or a non-ASCII byte; {@code end} when there is none. Looks
   * at eight bytes per step: each test flags a matching byte by its high bit, and the lowest flag
   * is always a true match (borrows only carry upwards).
   */
  static int findSpecial(byte[] buf, int j, int end) {
    // Words may reach past end (not past the array): a match there only means "none before end".
    int wordLimit = buf.length - 8;
    for (; j < end && j <= wordLimit; j += 8) {
      long w = (long) LONGS.get(buf, j);
      long q = w ^ 0x2222222222222222L;
      long bs = w ^ 0x5C5C5C5C5C5C5C5CL;
      long hit = ((q - ONES) & ~q) | ((bs - ONES) & ~bs) | ((w - 0x2020202020202020L) & ~w) | w;
      hit &= HIGHS;
      if (hit != 0) {
        return Math.min(end, j + (Long.numberOfTrailingZeros(hit) >>> 3));
      }
    }
    for (; j < end; j++) {
      byte c = buf[j];
      if (c == '"' || c == '\\' || c < 0x20) {
        return j;
      }
    }
    return Math.min(j, end);
  }

  /**
   * Skips a number in JSON's strict grammar ({@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}), noting
   * in {@link #numberIsFloat} whether it is an integer; what follows it is checked by the caller,
   * which accepts only a delimiter.
   */
  private int skipNumber(byte[] buf, int i, int end) {
    numberIsFloat = false;
    int j = i;
    if (buf[j] == '-') {
      j++;
    }
    if (j >= end) {
      return -1;
    }
    if (buf[j] == '0') {
      j++;
    } else if (buf[j] >= '1' && buf[j] <= '9') {
      j = skipDigits(buf, j + 1, end);
    } else {
      return -1;
    }
    if (j < end && buf[j] == '.') {
      int digits = j + 1;
      j = skipDigits(buf, digits, end);
      if (j == digits) {
        return -1;
      }
      numberIsFloat = true;
    }
    if (j < end && (buf[j] == 'e' || buf[j] == 'E')) {
      j++;
      if (j < end && (buf[j] == '+' || buf[j] == '-')) {
        j++;
      }
      int digits = j;
      j = skipDigits(buf, digits, end);
      if (j == digits) {
        return -1;
      }
      numberIsFloat = true;
    }
    return j;
  }

  private static int skipDigits(byte[] buf, int j, int end) {
    while (j < end && buf[j] >= '0' && buf[j] <= '9') {
      j++;
    }
    return j;
  }

  /** Skips {@code true}, {@code false} or {@code null}; -1 for anything else. */
  private static int skipLiteral(byte[] buf, int i, int end) {
    byte b = buf[i];
    if (b == 't' && i + 4 <= end && buf[i + 1] == 'r' && buf[i + 2] == 'u' && buf[i + 3] == 'e') {
      return i + 4;
    }
    if (b == 'f'
        && i + 5 <= end
        && buf[i + 1] == 'a'
        && buf[i + 2] == 'l'
        && buf[i + 3] == 's'
        && buf[i + 4] == 'e') {
      return i + 5;
    }
    if (b == 'n' && i + 4 <= end && buf[i + 1] == 'u' && buf[i + 2] == 'l' && buf[i + 3] == 'l') {
      return i + 4;
    }
    return -1;
  }

  /**
   * Skips JSON white space except {@code \n}: a line's end for {@link #decodeLine}, and rare enough
   * inside a record that declining it costs nothing.
   */
  private static int skipWhitespace(byte[] buf, int i, int end) {
    while (i < end) {
      byte b = buf[i];
      // Most calls stop at once on a token byte: one comparison decides those.
      if (b > ' ' || (b != ' ' && b != '\t' && b != '\r')) {
        return i;
      }
      i++;
    }
    return i;
  }

  /** Pass 2: converts each present needed value into its scratch slot, or declines. */
  private boolean convert(byte[] buf, int s) {
    for (int f = 0; f < kinds.length; f++) {
      if (seenStamp[f] != s || valueKind[f] == V_NULL) {
        continue;
      }
      byte v = valueKind[f];
      int from = valueStart[f];
      int to = valueEnd[f];
      switch (kinds[f]) {
        case K_STRING -> {}
        case K_LONG, K_INT -> {
          if (v != V_INT || !parseLong(buf, from, to, f)) {
            return false;
          }
          long l = longs[f];
          if (kinds[f] == K_INT && l != (int) l) {
            return false;
          }
        }
        case K_DOUBLE -> {
          if (v == V_INT) {
            // Jackson reads an integer token as an integer first: "-0" becomes 0.0, not -0.0.
            if (!parseLong(buf, from, to, f)) {
              return false;
            }
            doubles[f] = longs[f];
          } else if (v == V_FLOAT) {
            doubles[f] = parseDouble(buf, from, to);
          } else {
            return false;
          }
        }
        case K_BOOLEAN -> {
          if (v != V_TRUE && v != V_FALSE) {
            return false;
          }
        }
        case K_TIMESTAMP -> {
          if (v == V_INT) {
            if (!parseLong(buf, from, to, f)) {
              return false;
            }
            longs[f] *= 1_000_000L;
          } else if (v == V_STRING && timestampIso) {
            long micros = IsoDateTimes.NOT_HANDLED;
            if (toChars(buf, from, to)) {
              micros = IsoDateTimes.parseTimestamp(chars, 0, to - from, zone);
            }
            if (micros == IsoDateTimes.NOT_HANDLED) {
              return false;
            }
            longs[f] = micros;
          } else {
            return false;
          }
        }
        case K_DATE -> {
          if (v != V_STRING || !dateIso || !toChars(buf, from, to)) {
            return false;
          }
          int days = IsoDateTimes.parseDate(chars, 0, to - from);
          if (days == IsoDateTimes.DATE_NOT_HANDLED) {
            return false;
          }
          longs[f] = days;
        }
        default -> throw new IllegalStateException("Bug in Tideline: unknown fast JSON kind");
      }
    }
    return true;
  }

  /** Copies a short ASCII slice into {@link #chars} for the ISO parsers, which take chars. */
  private boolean toChars(byte[] buf, int from, int to) {
    if (to - from > chars.length) {
      return false;
    }
    for (int k = from; k < to; k++) {
      chars[k - from] = (char) buf[k];
    }
    return true;
  }

  /** An integer token of at most 18 digits into {@code longs[f]}; false for longer ones. */
  private boolean parseLong(byte[] buf, int from, int to, int f) {
    boolean negative = buf[from] == '-';
    int i = negative ? from + 1 : from;
    if (to - i > 18) {
      return false;
    }
    long value = 0;
    for (; i < to; i++) {
      value = value * 10 + (buf[i] - '0');
    }
    longs[f] = negative ? -value : value;
    return true;
  }

  /**
   * A validated JSON number with a fraction or exponent, correctly rounded: exactly what Jackson's
   * fast double parser and {@link Double#parseDouble} give. When the decimal significand and the
   * power of ten are both exact doubles, one IEEE multiplication or division rounds correctly
   * (Clinger's fast path); any other number goes to {@link Double#parseDouble}.
   */
  static double parseDouble(byte[] buf, int from, int to) {
    int i = from;
    boolean negative = buf[i] == '-';
    if (negative) {
      i++;
    }
    long significand = 0;
    int digitsFrom = i;
    byte c;
    while (i < to && (c = buf[i]) >= '0' && c <= '9') {
      significand = significand * 10 + (c - '0');
      i++;
    }
    int digits = i - digitsFrom;
    int fractionDigits = 0;
    if (i < to && buf[i] == '.') {
      int fractionFrom = ++i;
      while (i < to && (c = buf[i]) >= '0' && c <= '9') {
        significand = significand * 10 + (c - '0');
        i++;
      }
      fractionDigits = i - fractionFrom;
      digits += fractionDigits;
    }
    // Up to 18 digits cannot overflow the long; longer numbers take the general path.
    if (digits > 18) {
      return slowDouble(buf, from, to);
    }
    int exponent = 0;
    if (i < to) {
      i++;
      boolean negativeExponent = buf[i] == '-';
      if (buf[i] == '-' || buf[i] == '+') {
        i++;
      }
      if (to - i > 4) {
        return slowDouble(buf, from, to);
      }
      for (; i < to; i++) {
        exponent = exponent * 10 + (buf[i] - '0');
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    double value;
    if (significand == 0) {
      value = 0;
    } else {
      int e10 = exponent - fractionDigits;
      if (significand >= (1L << 53) || e10 < -22 || e10 > 22) {
        return slowDouble(buf, from, to);
      }
      value = e10 < 0 ? significand / POWERS_OF_TEN[-e10] : significand * POWERS_OF_TEN[e10];
    }
    return negative ? -value : value;
  }

  private static double slowDouble(byte[] buf, int from, int to) {
    return Double.parseDouble(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /** Pass 3: writes the converted row. */
  private void write(byte[] buf, int s, StructVector out, int row) {
    for (int f = 0; f < kinds.length; f++) {
      ColumnVector child = out.child(positions[f]);
      if (seenStamp[f] != s || valueKind[f] == V_NULL) {
        child.setNull(row);
        continue;
      }
      switch (kinds[f]) {
        case K_STRING ->
            // A number or a boolean keeps its JSON text, as Spark's exact string parsing.
            ((BytesVector) child).append(row, buf, valueStart[f], valueEnd[f] - valueStart[f]);
        case K_LONG, K_TIMESTAMP -> {
          ((LongVector) child).set(row, longs[f]);
          child.setNotNull(row);
        }
        case K_INT, K_DATE -> {
          ((IntVector) child).set(row, (int) longs[f]);
          child.setNotNull(row);
        }
        case K_DOUBLE -> {
          ((DoubleVector) child).set(row, doubles[f]);
          child.setNotNull(row);
        }
        case K_BOOLEAN -> {
          ((BooleanVector) child).set(row, valueKind[f] == V_TRUE);
          child.setNotNull(row);
        }
        default -> throw new IllegalStateException("Bug in Tideline: unknown fast JSON kind");
      }
    }
    if (corruptIndex >= 0) {
      out.child(corruptIndex).setNull(row);
    }
    out.setNotNull(row);
  }
}
