package io.tideline.internal.eval;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A SQL {@code LIKE} pattern compiled once to a matcher over UTF-8 bytes. Patterns made of one
 * literal with {@code %} only at its ends ({@code abc}, {@code abc%}, {@code %abc}, {@code %abc%})
 * match by byte comparison; anything with {@code _} or inner {@code %} falls back to a regular
 * expression over the decoded string ({@code _} is one character, not one byte).
 */
final class LikeMatcher {
  private enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS,
    ANY,
    REGEX
  }

  private final Shape shape;
  private final byte[] literal;
  private final Pattern regex;

  private LikeMatcher(Shape shape, byte[] literal, Pattern regex) {
    this.shape = shape;
    this.literal = literal;
    this.regex = regex;
  }

  /**
   * Compiles {@code pattern} with escape character {@code escape}.
   *
   * @throws io.tideline.internal.errors.ExecutionException for an escape before a character other
   *     than {@code _}, {@code %} or itself, or at the end, as Spark does
   */
  static LikeMatcher compile(String pattern, char escape, String exprSql) {
    StringBuilder regex = new StringBuilder();
    StringBuilder lit = new StringBuilder();
    boolean leadingPercent = false;
    boolean trailingPercent = false;
    boolean simple = true;
    boolean literalSeen = false;
    boolean afterLiteralPercent = false;
    int n = pattern.length();
    for (int p = 0; p < n; p++) {
      char c = pattern.charAt(p);
      if (c == escape) {
        if (p + 1 >= n) {
          throw EvalErrors.likeEscapeAtTheEnd(pattern, exprSql);
        }
        char next = pattern.charAt(++p);
        if (next != '_' && next != '%' && next != escape) {
          throw EvalErrors.likeEscapeInTheMiddle(pattern, next, exprSql);
        }
        if (afterLiteralPercent) {
          simple = false;
        }
        regex.append(Pattern.quote(String.valueOf(next)));
        lit.append(next);
        literalSeen = true;
      } else if (c == '%') {
        regex.append(".*");
        if (literalSeen) {
          afterLiteralPercent = true;
          trailingPercent = true;
        } else {
          leadingPercent = true;
        }
      } else if (c == '_') {
        regex.append('.');
        simple = false;
      } else {
        if (afterLiteralPercent) {
          simple = false;
        }
        regex.append(Pattern.quote(String.valueOf(c)));
        lit.append(c);
        literalSeen = true;
      }
    }
    if (simple) {
      byte[] bytes = lit.toString().getBytes(StandardCharsets.UTF_8);
      Shape shape;
      if (!literalSeen) {
        shape = leadingPercent ? Shape.ANY : Shape.EXACT;
      } else if (leadingPercent && trailingPercent) {
        shape = Shape.CONTAINS;
      } else if (leadingPercent) {
        shape = Shape.SUFFIX;
      } else if (trailingPercent) {
        shape = Shape.PREFIX;
      } else {
        shape = Shape.EXACT;
      }
      return new LikeMatcher(shape, bytes, null);
    }
    return new LikeMatcher(Shape.REGEX, null, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  boolean matches(byte[] d, int off, int len) {
    switch (shape) {
      case EXACT:
        return len == literal.length && Arrays.equals(d, off, off + len, literal, 0, len);
      case PREFIX:
        return len >= literal.length
            && Arrays.equals(d, off, off + literal.length, literal, 0, literal.length);
      case SUFFIX:
        return len >= literal.length
            && Arrays.equals(d, off + len - literal.length, off + len, literal, 0, literal.length);
      case CONTAINS:
        return Utf8.indexOf(d, off, off + len, literal, 0, literal.length) >= 0;
      case ANY:
        return true;
      default:
        return regex.matcher(new String(d, off, len, StandardCharsets.UTF_8)).matches();
    }
  }
}
