package io.tideline.internal.eval;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.types.DataTypes;
import java.util.Locale;

/**
 * String kernels that work on UTF-8 bytes: {@code upper}, {@code lower}, {@code length}, {@code
 * substring}, {@code concat}, {@code concat_ws}, {@code trim}s, {@code instr}. ASCII input (the
 * common case) never decodes to {@code String}.
 */
final class StringKernels {
  private StringKernels() {}

  static VectorEvaluator concat(VectorEvaluator[] args) {
    return new Concat(args);
  }

  /** {@code upper} / {@code lower}. */
  static final class CaseConvert extends StrictKernel {
    private final boolean upper;

    CaseConvert(VectorEvaluator arg, boolean upper) {
      super(DataTypes.StringType, arg);
      this.upper = upper;
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
          for (int j = 0; j < len; j++) {
            byte b = src[start + j];
            if (upper && b >= 'a' && b <= 'z') {
              b -= 32;
            } else if (!upper && b >= 'A' && b <= 'Z') {
              b += 32;
            }
            dst[at + j] = b;
          }
          o.setRef(i, at, len);
        } else {
          String str = s.getString(i);
          o.appendString(i, upper ? str.toUpperCase(Locale.ROOT) : str.toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  /** {@code length}: characters for STRING, bytes for BINARY. */
  static final class Length extends StrictKernel {
    Length(VectorEvaluator arg) {
      super(DataTypes.IntegerType, arg);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      int[] o = ((IntVector) out).values();
      boolean chars = s.isString();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        o[i] = chars ? Utf8.numChars(s.data(), s.start(i), s.length(i)) : s.length(i);
      }
    }
  }

  /**
   * {@code substring(str, pos[, len])}, 1-based; a negative {@code pos} counts from the end, and a
   * window starting before the string is cut, as in Spark ({@code substring('abc', -5, 3)} is
   * {@code 'a'}).
   */
  static final class Substring extends StrictKernel {
    Substring(VectorEvaluator[] args) {
      super(DataTypes.StringType, args);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      int[] pos = ((IntVector) in[1]).values();
      int[] lens = in.length > 2 ? ((IntVector) in[2]).values() : null;
      BytesVector o = (BytesVector) out;
      byte[] d = s.data();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int off = s.start(i);
        int end = off + s.length(i);
        int numChars = Utf8.numChars(d, off, s.length(i));
        int p = pos[i];
        long start = p > 0 ? p - 1L : (p < 0 ? (long) numChars + p : 0L);
        long stop = lens == null ? Long.MAX_VALUE : start + lens[i];
        start = Math.max(start, 0);
        if (start >= stop || start >= numChars) {
          o.setRef(i, 0, 0);
          continue;
        }
        int from = Utf8.advance(d, off, end, (int) start);
        int to = Utf8.advance(d, from, end, (int) Math.min(stop - start, numChars));
        o.append(i, d, from, to - from);
      }
    }
  }

  /** {@code concat(a, b, ...)} and {@code a || b}: null when any argument is null. */
  static final class Concat extends StrictKernel {
    Concat(VectorEvaluator[] args) {
      super(DataTypes.StringType, args);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector o = (BytesVector) out;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int total = 0;
        for (ColumnVector c : in) {
          total += ((BytesVector) c).length(i);
        }
        int at = o.reserve(total);
        int p = at;
        for (ColumnVector c : in) {
          BytesVector b = (BytesVector) c;
          System.arraycopy(b.data(), b.start(i), o.data(), p, b.length(i));
          p += b.length(i);
        }
        o.setRef(i, at, total);
      }
    }
  }

  /**
   * {@code concat_ws(sep, ...)}: joins the non-null strings (and elements of string arrays) with
   * the separator; null only when the separator is.
   */
  static final class ConcatWs implements VectorEvaluator {
    private final VectorEvaluator[] args;
    private final OutputBuffer output = new OutputBuffer(DataTypes.StringType);
    private final ColumnVector[] in;

    ConcatWs(VectorEvaluator[] args) {
      this.args = args;
      this.in = new ColumnVector[args.length];
    }

    @Override
    public ColumnVector eval(Batch batch) {
      for (int a = 0; a < args.length; a++) {
        in[a] = args[a].eval(batch);
      }
      BytesVector o = (BytesVector) output.prepare(batch.numRows());
      BytesVector sep = (BytesVector) in[0];
      int[] sel = batch.selection();
      int n = batch.size();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (sep.isNullAt(i)) {
          o.setNull(i);
          continue;
        }
        int total = 0;
        int parts = 0;
        for (int a = 1; a < in.length; a++) {
          ColumnVector c = in[a];
          if (c.isNullAt(i)) {
            continue;
          }
          if (c instanceof ArrayVector arr) {
            BytesVector e = (BytesVector) arr.elements();
            for (int j = arr.start(i), end = j + arr.length(i); j < end; j++) {
              if (!e.isNullAt(j)) {
                total += e.length(j);
                parts++;
              }
            }
          } else {
            total += ((BytesVector) c).length(i);
            parts++;
          }
        }
        total += Math.max(parts - 1, 0) * sep.length(i);
        int at = o.reserve(total);
        int p = at;
        boolean first = true;
        for (int a = 1; a < in.length; a++) {
          ColumnVector c = in[a];
          if (c.isNullAt(i)) {
            continue;
          }
          if (c instanceof ArrayVector arr) {
            BytesVector e = (BytesVector) arr.elements();
            for (int j = arr.start(i), end = j + arr.length(i); j < end; j++) {
              if (!e.isNullAt(j)) {
                p = put(o, p, first, sep, i, e, j);
                first = false;
              }
            }
          } else {
            p = put(o, p, first, sep, i, (BytesVector) c, i);
            first = false;
          }
        }
        o.setRef(i, at, total);
      }
      return o;
    }

    /** Writes a separator (unless first) and one part at {@code p}; returns the new end. */
    private static int put(
        BytesVector o, int p, boolean first, BytesVector sep, int i, BytesVector v, int j) {
      if (!first) {
        System.arraycopy(sep.data(), sep.start(i), o.data(), p, sep.length(i));
        p += sep.length(i);
      }
      System.arraycopy(v.data(), v.start(j), o.data(), p, v.length(j));
      return p + v.length(j);
    }
  }

  /**
   * {@code trim}, {@code ltrim}, {@code rtrim}: spaces only, or the characters of a trim string.
   */
  static final class Trim extends StrictKernel {
    private final boolean left;
    private final boolean right;

    Trim(VectorEvaluator[] args, boolean left, boolean right) {
      super(DataTypes.StringType, args);
      this.left = left;
      this.right = right;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector chars = in.length > 1 ? (BytesVector) in[1] : null;
      BytesVector o = (BytesVector) out;
      byte[] d = s.data();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (chars != null) {
          String str = s.getString(i);
          String set = chars.getString(i);
          int from = 0;
          int to = str.length();
          while (left && from < to && set.indexOf(str.charAt(from)) >= 0) {
            from++;
          }
          while (right && to > from && set.indexOf(str.charAt(to - 1)) >= 0) {
            to--;
          }
          o.appendString(i, str.substring(from, to));
          continue;
        }
        int from = s.start(i);
        int to = from + s.length(i);
        while (left && from < to && d[from] == ' ') {
          from++;
        }
        while (right && to > from && d[to - 1] == ' ') {
          to--;
        }
        o.append(i, d, from, to - from);
      }
    }
  }

  /** {@code instr(str, substr)}: the 1-based character position of the first match, or 0. */
  static final class Instr extends StrictKernel {
    Instr(VectorEvaluator[] args) {
      super(DataTypes.IntegerType, args);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector sub = (BytesVector) in[1];
      int[] o = ((IntVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int off = s.start(i);
        int at =
            Utf8.indexOf(s.data(), off, off + s.length(i), sub.data(), sub.start(i), sub.length(i));
        o[i] = at < 0 ? 0 : Utf8.numChars(s.data(), off, at - off) + 1;
      }
    }
  }

  /** {@code lpad} / {@code rpad} by characters, cutting strings longer than the target. */
  static final class Pad extends StrictKernel {
    private final boolean leftPad;

    Pad(VectorEvaluator[] args, boolean leftPad) {
      super(DataTypes.StringType, args);
      this.leftPad = leftPad;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      int[] lens = ((IntVector) in[1]).values();
      BytesVector pad = in.length > 2 ? (BytesVector) in[2] : null;
      BytesVector o = (BytesVector) out;
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        String str = s.getString(i);
        String p = pad == null ? " " : pad.getString(i);
        int target = Math.max(lens[i], 0);
        int have = str.codePointCount(0, str.length());
        if (have >= target) {
          o.appendString(i, str.substring(0, str.offsetByCodePoints(0, target)));
          continue;
        }
        if (p.isEmpty()) {
          o.appendString(i, str);
          continue;
        }
        sb.setLength(0);
        int need = target - have;
        int pLen = p.codePointCount(0, p.length());
        StringBuilder fill = new StringBuilder();
        for (int c = 0; c < need; c++) {
          int cp = p.codePointAt(p.offsetByCodePoints(0, c % pLen));
          fill.appendCodePoint(cp);
        }
        if (leftPad) {
          sb.append(fill).append(str);
        } else {
          sb.append(str).append(fill);
        }
        o.appendString(i, sb.toString());
      }
    }
  }
}
