package io.tideline.internal.sql;

import java.util.Arrays;

/**
 * The tokens of a SQL text, produced in one pass over its characters.
 *
 * <p>Tokens live in three parallel int arrays (kind, start offset, end offset) rather than as
 * objects, so lexing allocates a handful of arrays whatever the length of the text. Keywords are
 * not a token kind: the parser asks {@link #isWord} on {@link #IDENT} tokens, because almost every
 * Spark keyword is also a valid column or function name depending on where it stands.
 */
final class SqlLexer {
  static final int EOF = 0;

  /** An unquoted identifier or keyword. */
  static final int IDENT = 1;

  /** A backtick-quoted identifier. */
  static final int QUOTED_IDENT = 2;

  /** A string in single or double quotes, or a raw string {@code r'...'}. */
  static final int STRING = 3;

  /** Digits only: INT, BIGINT or DECIMAL by magnitude. */
  static final int INTEGER = 4;

  /** Digits with a fraction and no exponent or suffix: a DECIMAL. */
  static final int DECIMAL = 5;

  /** A number with an exponent and no suffix: a DOUBLE. */
  static final int EXPONENT = 6;

  static final int BIGINT_LIT = 7;
  static final int SMALLINT_LIT = 8;
  static final int TINYINT_LIT = 9;
  static final int DOUBLE_LIT = 10;
  static final int FLOAT_LIT = 11;
  static final int BIGDECIMAL_LIT = 12;

  /** A character no token starts with. */
  static final int UNKNOWN = 13;

  static final int LPAREN = 20;
  static final int RPAREN = 21;
  static final int LBRACKET = 22;
  static final int RBRACKET = 23;
  static final int COMMA = 24;
  static final int DOT = 25;
  static final int COLON = 26;
  static final int DOUBLE_COLON = 27;
  static final int PLUS = 28;
  static final int MINUS = 29;
  static final int STAR = 30;
  static final int SLASH = 31;
  static final int PERCENT = 32;
  static final int TILDE = 33;
  static final int AMPERSAND = 34;
  static final int PIPE = 35;
  static final int CONCAT = 36;
  static final int HAT = 37;
  static final int EQ = 38;
  static final int EQ_EQ = 39;
  static final int NSEQ = 40;
  static final int NEQ = 41;
  static final int NEQJ = 42;
  static final int LT = 43;
  static final int LTE = 44;
  static final int GT = 45;
  static final int GTE = 46;
  static final int BANG = 47;
  static final int SEMICOLON = 48;
  static final int SHIFT_LEFT = 49;
  static final int SHIFT_RIGHT = 50;
  static final int SHIFT_RIGHT_UNSIGNED = 51;
  static final int ARROW = 52;
  static final int FAT_ARROW = 53;

  final String text;
  private final char[] chars;
  private int[] kinds = new int[16];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;
  private int[] splitTokens = new int[4];
  private int[] splitKinds = new int[4];
  private int splits;

  private SqlLexer(String text) {
    this.text = text;
    this.chars = text.toCharArray();
  }

  /** Lexes {@code text}; the last token is always {@link #EOF}. */
  static SqlLexer lex(String text) {
    SqlLexer lexer = new SqlLexer(text);
    lexer.run();
    return lexer;
  }

  int count() {
    return count;
  }

  int kind(int i) {
    return kinds[Math.min(i, count - 1)];
  }

  int start(int i) {
    return starts[Math.min(i, count - 1)];
  }

  int end(int i) {
    return ends[Math.min(i, count - 1)];
  }

  String tokenText(int i) {
    return text.substring(start(i), end(i));
  }

  /** True when token {@code i} is an unquoted identifier spelled {@code upperWord} in any case. */
  boolean isWord(int i, String upperWord) {
    int s = start(i);
    return kind(i) == IDENT
        && end(i) - s == upperWord.length()
        && text.regionMatches(true, s, upperWord, 0, upperWord.length());
  }

  /**
   * Splits the leading {@code >} off token {@code i} ({@code >>}, {@code >>>} or {@code >=}): the
   * type grammar closes {@code ARRAY<ARRAY<INT>>} one bracket at a time, while the lexer, not
   * knowing it reads a type, took {@code >>} for a shift.
   */
  void splitLeadingGreaterThan(int i) {
    if (splits == splitTokens.length) {
      splitTokens = Arrays.copyOf(splitTokens, splits * 2);
      splitKinds = Arrays.copyOf(splitKinds, splits * 2);
    }
    splitTokens[splits] = i;
    splitKinds[splits] = kinds[i];
    splits++;
    kinds[i] =
        switch (kinds[i]) {
          case SHIFT_RIGHT_UNSIGNED -> SHIFT_RIGHT;
          case SHIFT_RIGHT -> GT;
          case GTE -> EQ;
          default -> throw new IllegalStateException("Bug in Tideline: no '>' to split");
        };
    starts[i]++;
  }

  /** How many splits were made so far: a mark for {@link #undoSplits}. */
  int splitCount() {
    return splits;
  }

  /** Undoes the splits made after {@code mark}, for a parser that backtracks over a type. */
  void undoSplits(int mark) {
    while (splits > mark) {
      splits--;
      int t = splitTokens[splits];
      kinds[t] = splitKinds[splits];
      starts[t]--;
    }
  }

  boolean isNumber(int i) {
    int k = kind(i);
    return k >= INTEGER && k <= BIGDECIMAL_LIT;
  }

  ParseErrors.Span span(int i) {
    return new ParseErrors.Span(text, start(i), end(i));
  }

  private void run() {
    int n = chars.length;
    int i = 0;
    while (true) {
      i = skipSpaceAndComments(i);
      if (i >= n) {
        add(EOF, n, n);
        return;
      }
      char c = chars[i];
      if (c == '\'' || c == '"') {
        i = string(i, i, c, false);
      } else if ((c == 'r' || c == 'R')
          && i + 1 < n
          && (chars[i + 1] == '\'' || chars[i + 1] == '"')) {
        i = string(i, i + 1, chars[i + 1], true);
      } else if (c == '`') {
        i = quotedIdentifier(i);
      } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(chars[i + 1]))) {
        i = number(i);
      } else if (isIdentifierStart(c)) {
        int j = i + 1;
        while (j < n && isIdentifierPart(chars[j])) {
          j++;
        }
        add(IDENT, i, j);
        i = j;
      } else {
        i = operator(i);
      }
    }
  }

  private int skipSpaceAndComments(int i) {
    int n = chars.length;
    while (i < n) {
      char c = chars[i];
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && chars[i + 1] == '-') {
        while (i < n && chars[i] != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && chars[i + 1] == '*') {
        // Bracketed comments nest, as in Spark.
        int open = i;
        int depth = 0;
        do {
          if (i + 1 < n && chars[i] == '/' && chars[i + 1] == '*') {
            depth++;
            i += 2;
          } else if (i + 1 < n && chars[i] == '*' && chars[i + 1] == '/') {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (depth > 0 && i < n);
        if (depth > 0) {
          throw ParseErrors.unclosedComment(new ParseErrors.Span(text, open, open + 2));
        }
      } else {
        return i;
      }
    }
    return i;
  }

  private int string(int tokenStart, int quotePos, char quote, boolean raw) {
    int n = chars.length;
    int i = quotePos + 1;
    while (i < n) {
      char c = chars[i];
      if (c == '\\' && !raw) {
        i += 2;
      } else if (c == quote && !raw && i + 1 < n && chars[i + 1] == quote) {
        // Spark 4 reads a doubled quote inside a literal as one quote: 'yyyy-MM-dd''T''HH'.
        i += 2;
      } else if (c == quote) {
        add(STRING, tokenStart, i + 1);
        return i + 1;
      } else {
        i++;
      }
    }
    throw ParseErrors.syntaxError(
        new ParseErrors.Span(text, tokenStart, n),
        "the string literal is not closed with " + quote);
  }

  private int quotedIdentifier(int start) {
    int n = chars.length;
    int i = start + 1;
    while (i < n) {
      if (chars[i] == '`') {
        if (i + 1 < n && chars[i + 1] == '`') {
          i += 2;
          continue;
        }
        add(QUOTED_IDENT, start, i + 1);
        return i + 1;
      }
      i++;
    }
    throw ParseErrors.syntaxError(
        new ParseErrors.Span(text, start, n), "the quoted identifier is not closed with `");
  }

  private int number(int start) {
    int n = chars.length;
    int i = start;
    while (i < n && isDigit(chars[i])) {
      i++;
    }
    boolean fraction = false;
    if (i < n && chars[i] == '.') {
      fraction = true;
      i++;
      while (i < n && isDigit(chars[i])) {
        i++;
      }
    }
    boolean exponent = false;
    if (i < n && (chars[i] == 'e' || chars[i] == 'E')) {
      int j = i + 1;
      if (j < n && (chars[j] == '+' || chars[j] == '-')) {
        j++;
      }
      if (j < n && isDigit(chars[j])) {
        exponent = true;
        i = j;
        while (i < n && isDigit(chars[i])) {
          i++;
        }
      }
    }
    int kind = fraction ? (exponent ? EXPONENT : DECIMAL) : (exponent ? EXPONENT : INTEGER);
    int end = i;
    if (i < n) {
      char s = Character.toUpperCase(chars[i]);
      boolean integral = !fraction && !exponent;
      if (s == 'L' && integral) {
        kind = BIGINT_LIT;
        end = i + 1;
      } else if (s == 'S' && integral) {
        kind = SMALLINT_LIT;
        end = i + 1;
      } else if (s == 'Y' && integral) {
        kind = TINYINT_LIT;
        end = i + 1;
      } else if (s == 'D') {
        kind = DOUBLE_LIT;
        end = i + 1;
      } else if (s == 'F') {
        kind = FLOAT_LIT;
        end = i + 1;
      } else if (s == 'B' && i + 1 < n && Character.toUpperCase(chars[i + 1]) == 'D') {
        kind = BIGDECIMAL_LIT;
        end = i + 2;
      }
    }
    if (!fraction && end < n && isIdentifierPart(chars[end])) {
      // Like Spark's lexer, a run of digits and letters such as 1a or 2nd_col is an identifier.
      int j = end;
      while (j < n && isIdentifierPart(chars[j])) {
        j++;
      }
      add(IDENT, start, j);
      return j;
    }
    add(kind, start, end);
    return end;
  }

  private int operator(int i) {
    int n = chars.length;
    char c = chars[i];
    char next = i + 1 < n ? chars[i + 1] : '\0';
    switch (c) {
      case '(' -> add(LPAREN, i, i + 1);
      case ')' -> add(RPAREN, i, i + 1);
      case '[' -> add(LBRACKET, i, i + 1);
      case ']' -> add(RBRACKET, i, i + 1);
      case ',' -> add(COMMA, i, i + 1);
      case '.' -> add(DOT, i, i + 1);
      case ';' -> add(SEMICOLON, i, i + 1);
      case ':' -> {
        if (next == ':') {
          add(DOUBLE_COLON, i, i + 2);
        } else {
          add(COLON, i, i + 1);
        }
      }
      case '+' -> add(PLUS, i, i + 1);
      case '-' -> {
        if (next == '>') {
          add(ARROW, i, i + 2);
        } else {
          add(MINUS, i, i + 1);
        }
      }
      case '*' -> add(STAR, i, i + 1);
      case '/' -> add(SLASH, i, i + 1);
      case '%' -> add(PERCENT, i, i + 1);
      case '~' -> add(TILDE, i, i + 1);
      case '&' -> add(AMPERSAND, i, i + 1);
      case '^' -> add(HAT, i, i + 1);
      case '|' -> {
        if (next == '|') {
          add(CONCAT, i, i + 2);
        } else {
          add(PIPE, i, i + 1);
        }
      }
      case '=' -> {
        if (next == '=') {
          add(EQ_EQ, i, i + 2);
        } else if (next == '>') {
          add(FAT_ARROW, i, i + 2);
        } else {
          add(EQ, i, i + 1);
        }
      }
      case '!' -> {
        if (next == '=') {
          add(NEQJ, i, i + 2);
        } else if (next == '>') {
          add(LTE, i, i + 2);
        } else if (next == '<') {
          add(GTE, i, i + 2);
        } else {
          add(BANG, i, i + 1);
        }
      }
      case '<' -> {
        if (next == '=' && i + 2 < n && chars[i + 2] == '>') {
          add(NSEQ, i, i + 3);
        } else if (next == '=') {
          add(LTE, i, i + 2);
        } else if (next == '>') {
          add(NEQ, i, i + 2);
        } else if (next == '<') {
          add(SHIFT_LEFT, i, i + 2);
        } else {
          add(LT, i, i + 1);
        }
      }
      case '>' -> {
        if (next == '=') {
          add(GTE, i, i + 2);
        } else if (next == '>' && i + 2 < n && chars[i + 2] == '>') {
          add(SHIFT_RIGHT_UNSIGNED, i, i + 3);
        } else if (next == '>') {
          add(SHIFT_RIGHT, i, i + 2);
        } else {
          add(GT, i, i + 1);
        }
      }
      default -> {
        int len = Character.charCount(text.codePointAt(i));
        add(UNKNOWN, i, i + len);
      }
    }
    return ends[count - 1];
  }

  private void add(int kind, int start, int end) {
    if (count == kinds.length) {
      kinds = Arrays.copyOf(kinds, count * 2);
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    kinds[count] = kind;
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
