package io.tideline.internal.eval;

import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.types.DataTypes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * String kernels on UTF-8 bytes: {@code startswith}, {@code contains}, {@code endswith}, {@code
 * octet_length}, {@code initcap}, {@code reverse}, {@code repeat}, {@code translate}.
 */
final class TextKernels {
  private TextKernels() {}

  /** Where {@link Match} looks for its second argument. */
  enum Where {
    START,
    ANYWHERE,
    END
  }

  /** {@code startswith}, {@code contains}, {@code endswith}: byte-wise, as Spark's UTF8_BINARY. */
  static final class Match extends StrictKernel {
    private final Where where;

    Match(VectorEvaluator[] args, Where where) {
      super(DataTypes.BooleanType, args);
      this.where = where;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector p = (BytesVector) in[1];
      boolean[] o = ((BooleanVector) out).values();
      byte[] sd = s.data();
      byte[] pd = p.data();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int so = s.start(i);
        int sl = s.length(i);
        int po = p.start(i);
        int pl = p.length(i);
        o[i] =
            switch (where) {
              case START -> pl <= sl && regionEquals(sd, so, pd, po, pl);
              case END -> pl <= sl && regionEquals(sd, so + sl - pl, pd, po, pl);
              case ANYWHERE -> Utf8.indexOf(sd, so, so + sl, pd, po, pl) >= 0;
            };
      }
    }

    private static boolean regionEquals(byte[] a, int ao, byte[] b, int bo, int len) {
      return java.util.Arrays.equals(a, ao, ao + len, b, bo, bo + len);
    }
  }

  /** {@code octet_length}: the number of bytes (UTF-8 for strings). */
  static final class OctetLength extends StrictKernel {
    OctetLength(VectorEvaluator arg) {
      super(DataTypes.IntegerType, arg);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      int[] o = ((IntVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        o[i] = s.length(i);
      }
    }
  }

  /**
   * {@code initcap}: lower case, then the first character and every character after a space in
   * title case; only the space character separates words, as in Spark.
   */
  static final class Initcap extends StrictKernel {
    Initcap(VectorEvaluator arg) {
      super(DataTypes.StringType, arg);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector o = (BytesVector) out;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int len = s.length(i);
        int start = s.start(i);
        if (Utf8.isAscii(s.data(), start, len)) {
          int at = o.reserve(len);
          byte[] src = s.data();
          byte[] dst = o.data();
          boolean wordStart = true;
          for (int j = 0; j < len; j++) {
            byte b = src[start + j];
            if (wordStart && b >= 'a' && b <= 'z') {
              b -= 32;
            } else if (!wordStart && b >= 'A' && b <= 'Z') {
              b += 32;
            }
            wordStart = b == ' ';
            dst[at + j] = b;
          }
          o.setRef(i, at, len);
        } else {
          o.appendString(i, titleCase(s.getString(i).toLowerCase(Locale.ROOT)));
        }
      }
    }

    private static String titleCase(String lower) {
      StringBuilder sb = new StringBuilder(lower.length());
      boolean wordStart = true;
      for (int j = 0; j < lower.length(); ) {
        int cp = lower.codePointAt(j);
        sb.appendCodePoint(wordStart ? Character.toTitleCase(cp) : cp);
        wordStart = cp == ' ';
        j += Character.charCount(cp);
      }
      return sb.toString();
    }
  }

  /** {@code reverse} of a string: its characters (code points) in reverse order. */
  static final class Reverse extends StrictKernel {
    Reverse(VectorEvaluator arg) {
      super(DataTypes.StringType, arg);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector o = (BytesVector) out;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int len = s.length(i);
        int start = s.start(i);
        int at = o.reserve(len);
        byte[] src = s.data();
        byte[] dst = o.data();
        int j = 0;
        while (j < len) {
          int charLen = 1;
          while (j + charLen < len && !Utf8.isCharStart(src[start + j + charLen])) {
            charLen++;
          }
          System.arraycopy(src, start + j, dst, at + len - j - charLen, charLen);
          j += charLen;
        }
        o.setRef(i, at, len);
      }
    }
  }

  /** {@code repeat(s, n)}: {@code s} n times; empty when n is not positive. */
  static final class Repeat extends StrictKernel {
    /** The largest string a byte array can hold, with room for the JVM's array header. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 64;

    private final String sql;

    Repeat(VectorEvaluator[] args, String sql) {
      super(DataTypes.StringType, args);
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      int[] times = ((IntVector) in[1]).values();
      BytesVector o = (BytesVector) out;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int len = s.length(i);
        long total = (long) len * Math.max(times[i], 0);
        if (total > MAX_BYTES) {
          throw EvalErrors.stringResultTooLong("repeat", total, MAX_BYTES, sql);
        }
        int at = o.reserve((int) total);
        byte[] dst = o.data();
        for (int t = 0; t < total; t += len) {
          System.arraycopy(s.data(), s.start(i), dst, at + t, len);
        }
        o.setRef(i, at, (int) total);
      }
    }
  }

  /**
   * {@code translate(s, from, to)}: each character of {@code from} becomes the character at the
   * same place in {@code to}, or is removed when {@code to} is shorter; the first occurrence of a
   * repeated character in {@code from} wins.
   */
  static final class Translate extends StrictKernel {
    private static final int DELETE = -1;
    private byte[] cachedFromBytes;
    private byte[] cachedToBytes;
    private Map<Integer, Integer> dict;

    Translate(VectorEvaluator[] args) {
      super(DataTypes.StringType, args);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector from = (BytesVector) in[1];
      BytesVector to = (BytesVector) in[2];
      BytesVector o = (BytesVector) out;
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        Map<Integer, Integer> d = dictionary(from, to, i);
        String str = s.getString(i);
        sb.setLength(0);
        for (int j = 0; j < str.length(); ) {
          int cp = str.codePointAt(j);
          Integer r = d.get(cp);
          if (r == null) {
            sb.appendCodePoint(cp);
          } else if (r != DELETE) {
            sb.appendCodePoint(r);
          }
          j += Character.charCount(cp);
        }
        o.appendString(i, sb.toString());
      }
    }

    /** The mapping for row {@code i}, rebuilt only when the arguments change (rarely: literals). */
    private Map<Integer, Integer> dictionary(BytesVector from, BytesVector to, int i) {
      if (dict != null
          && from.equalsBytes(i, cachedFromBytes, 0, cachedFromBytes.length)
          && to.equalsBytes(i, cachedToBytes, 0, cachedToBytes.length)) {
        return dict;
      }
      cachedFromBytes = from.getBytes(i);
      cachedToBytes = to.getBytes(i);
      dict = new HashMap<>();
      int[] fromCps = from.getString(i).codePoints().toArray();
      int[] toCps = to.getString(i).codePoints().toArray();
      for (int j = 0; j < fromCps.length; j++) {
        dict.putIfAbsent(fromCps[j], j < toCps.length ? toCps[j] : DELETE);
      }
      return dict;
    }
  }
}
