package io.tideline.internal.eval;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.types.DataTypes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code replace}, {@code split}, {@code regexp_replace} and {@code regexp_extract}. Regular
 * expressions use {@code java.util.regex}, as Spark's do, so replacement strings take {@code $1}
 * group references. A pattern is compiled once when constant, else when it changes between rows.
 */
final class RegexKernels {
  private RegexKernels() {}

  /** Caches the compiled form of the last pattern seen. */
  static final class PatternCache {
    private final String function;
    private final String sql;
    private String last;
    private Pattern pattern;

    PatternCache(String function, String sql) {
      this.function = function;
      this.sql = sql;
    }

    Pattern get(String regex) {
      if (!regex.equals(last)) {
        try {
          pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw EvalErrors.invalidRegex(function, regex, e.getDescription(), sql);
        }
        last = regex;
      }
      return pattern;
    }
  }

  /** {@code replace(str, search[, replacement])}: plain text, every occurrence. */
  static final class Replace extends StrictKernel {
    Replace(VectorEvaluator[] args) {
      super(DataTypes.StringType, args);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector search = (BytesVector) in[1];
      BytesVector rep = in.length > 2 ? (BytesVector) in[2] : null;
      BytesVector o = (BytesVector) out;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (search.length(i) == 0) {
          o.append(i, s.data(), s.start(i), s.length(i));
          continue;
        }
        String r = rep == null ? "" : rep.getString(i);
        o.appendString(i, s.getString(i).replace(search.getString(i), r));
      }
    }
  }

  /** {@code split(str, regex[, limit])} into {@code array<string>}. */
  static final class Split extends StrictKernel {
    private final PatternCache cache;

    Split(VectorEvaluator[] args, String sql, io.tideline.types.DataType type) {
      super(type, args);
      this.cache = new PatternCache("split", sql);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector regex = (BytesVector) in[1];
      int[] limits = in.length > 2 ? ((IntVector) in[2]).values() : null;
      ArrayVector o = (ArrayVector) out;
      BytesVector elements = (BytesVector) o.elements();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        String str = s.getString(i);
        String re = regex.getString(i);
        int limit = limits == null ? -1 : limits[i];
        String[] parts;
        if (re.isEmpty()) {
          // Spark splits around every character, without Java's trailing empty string.
          parts = str.codePoints().mapToObj(Character::toString).toArray(String[]::new);
          if (parts.length == 0) {
            parts = new String[] {""};
          }
        } else {
          parts = cache.get(re).split(str, limit <= 0 ? -1 : limit);
        }
        int at = o.reserveElements(parts.length);
        for (int p = 0; p < parts.length; p++) {
          elements.appendString(at + p, parts[p]);
        }
        o.setSlice(i, at, parts.length);
      }
    }
  }

  /** {@code regexp_replace(str, regex, replacement)}. */
  static final class RegexpReplace extends StrictKernel {
    private final PatternCache cache;

    RegexpReplace(VectorEvaluator[] args, String sql) {
      super(DataTypes.StringType, args);
      this.cache = new PatternCache("regexp_replace", sql);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector regex = (BytesVector) in[1];
      BytesVector rep = (BytesVector) in[2];
      BytesVector o = (BytesVector) out;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        Matcher m = cache.get(regex.getString(i)).matcher(s.getString(i));
        o.appendString(i, m.replaceAll(rep.getString(i)));
      }
    }
  }

  /** {@code regexp_extract(str, regex[, idx])}: the group of the first match, or "". */
  static final class RegexpExtract extends StrictKernel {
    private final PatternCache cache;
    private final String sql;

    RegexpExtract(VectorEvaluator[] args, String sql) {
      super(DataTypes.StringType, args);
      this.cache = new PatternCache("regexp_extract", sql);
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector s = (BytesVector) in[0];
      BytesVector regex = (BytesVector) in[1];
      int[] idx = in.length > 2 ? ((IntVector) in[2]).values() : null;
      BytesVector o = (BytesVector) out;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        Matcher m = cache.get(regex.getString(i)).matcher(s.getString(i));
        int group = idx == null ? 1 : idx[i];
        if (group < 0 || group > m.groupCount()) {
          throw EvalErrors.invalidRegexGroupIndex("regexp_extract", m.groupCount(), group, sql);
        }
        String g = m.find() ? m.group(group) : "";
        o.appendString(i, g == null ? "" : g);
      }
    }
  }
}
