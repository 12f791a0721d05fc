package io.tideline.internal.eval;

import io.tideline.internal.expr.Like;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code LIKE}, {@code ILIKE} and {@code RLIKE}. A constant pattern is compiled once; a pattern
 * that varies by row is recompiled only when it changes from the previous row. {@code ILIKE}
 * lower-cases both sides, as Spark does; {@code RLIKE} is true when the regular expression matches
 * anywhere in the value ({@code find}, as in Spark).
 */
final class LikeEvaluator extends StrictKernel {
  private final Like.Kind kind;
  private final char escape;
  private final String sql;
  private String lastPattern;
  private LikeMatcher likeMatcher;
  private Pattern regex;
  private byte[] lastPatternBytes;
  private byte[] lowered = new byte[64];
  private boolean constantPattern;

  private LikeEvaluator(Like like, VectorEvaluator value, VectorEvaluator pattern) {
    super(DataTypes.BooleanType, value, pattern);
    this.kind = like.kind();
    this.escape = like.escape();
    this.sql = like.sql();
  }

  static VectorEvaluator compile(Like like, EvalContext ctx) {
    VectorEvaluator value = ExprCompiler.compile(like.value(), ctx);
    VectorEvaluator pattern = ExprCompiler.compile(like.pattern(), ctx);
    LikeEvaluator ev = new LikeEvaluator(like, value, pattern);
    if (pattern instanceof ConstantEvaluator c && !c.isNull()) {
      ev.prepare(String.valueOf(c.value()));
      ev.constantPattern = true;
    }
    return ev;
  }

  private void prepare(String pattern) {
    if (pattern.equals(lastPattern)) {
      return;
    }
    switch (kind) {
      case LIKE:
        likeMatcher = LikeMatcher.compile(pattern, escape, sql);
        break;
      case ILIKE:
        likeMatcher = LikeMatcher.compile(pattern.toLowerCase(Locale.ROOT), escape, sql);
        break;
      default:
        try {
          regex = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw EvalErrors.invalidRegex("rlike", pattern, e.getDescription(), sql);
        }
        break;
    }
    lastPattern = pattern;
  }

  @Override
  protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
    BytesVector v = (BytesVector) in[0];
    BytesVector p = (BytesVector) in[1];
    boolean[] o = ((BooleanVector) out).values();
    byte[] d = v.data();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (!constantPattern
          && (lastPattern == null
              || !p.equalsBytes(i, lastPatternBytes(), 0, lastPatternBytes.length))) {
        prepare(p.getString(i));
        lastPatternBytes = lastPattern.getBytes(StandardCharsets.UTF_8);
      }
      switch (kind) {
        case LIKE:
          o[i] = likeMatcher.matches(d, v.start(i), v.length(i));
          break;
        case ILIKE:
          o[i] = matchesLowered(d, v.start(i), v.length(i));
          break;
        default:
          o[i] = regex.matcher(v.getString(i)).find();
          break;
      }
    }
  }

  /** ILIKE: ASCII values are lower-cased into a scratch buffer; others go through String. */
  private boolean matchesLowered(byte[] d, int off, int len) {
    if (!Utf8.isAscii(d, off, len)) {
      byte[] lower =
          new String(d, off, len, StandardCharsets.UTF_8)
              .toLowerCase(Locale.ROOT)
              .getBytes(StandardCharsets.UTF_8);
      return likeMatcher.matches(lower, 0, lower.length);
    }
    if (lowered.length < len) {
      lowered = new byte[Math.max(len, lowered.length * 2)];
    }
    for (int j = 0; j < len; j++) {
      byte b = d[off + j];
      lowered[j] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
    return likeMatcher.matches(lowered, 0, len);
  }

  private byte[] lastPatternBytes() {
    if (lastPatternBytes == null) {
      lastPatternBytes = lastPattern.getBytes(StandardCharsets.UTF_8);
    }
    return lastPatternBytes;
  }
}
