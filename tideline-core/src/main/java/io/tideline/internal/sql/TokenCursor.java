package io.tideline.internal.sql;

/** A position in a lexed text, with the look-ahead and error helpers the grammars share. */
class TokenCursor {
  final SqlLexer lx;
  int pos;

  TokenCursor(String text) {
    this.lx = SqlLexer.lex(text);
  }

  /** A position to come back to with {@link #reset}. */
  long mark() {
    return ((long) lx.splitCount() << 32) | pos;
  }

  /** Goes back to {@code mark}, undoing what type parsing did to the tokens since. */
  void reset(long mark) {
    lx.undoSplits((int) (mark >>> 32));
    pos = (int) mark;
  }

  int kind() {
    return lx.kind(pos);
  }

  int kind(int ahead) {
    return lx.kind(pos + ahead);
  }

  boolean at(int kind) {
    return lx.kind(pos) == kind;
  }

  boolean atWord(String upperWord) {
    return lx.isWord(pos, upperWord);
  }

  boolean atWord(int ahead, String upperWord) {
    return lx.isWord(pos + ahead, upperWord);
  }

  boolean accept(int kind) {
    if (lx.kind(pos) == kind) {
      pos++;
      return true;
    }
    return false;
  }

  boolean acceptWord(String upperWord) {
    if (lx.isWord(pos, upperWord)) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(int kind, String what) {
    if (!accept(kind)) {
      throw error(what);
    }
  }

  void expectWord(String upperWord) {
    if (!acceptWord(upperWord)) {
      throw error(upperWord);
    }
  }

  /** Fails unless every token was consumed. */
  void expectEnd() {
    if (!at(SqlLexer.EOF)) {
      throw error("end of input");
    }
  }

  /** A syntax error at the current token, saying what was {@code expected} there. */
  ParseException error(String expected) {
    return ParseErrors.syntaxError(lx.span(pos), "expected " + expected);
  }

  ParseErrors.Span span() {
    return lx.span(pos);
  }

  /** The span from token {@code from} to the end of the previous token. */
  ParseErrors.Span spanFrom(int from) {
    return new ParseErrors.Span(lx.text, lx.start(from), lx.end(Math.max(from, pos - 1)));
  }

  /** True at an unquoted or quoted identifier (including non-reserved keywords). */
  boolean atIdentifier() {
    int k = kind();
    return k == SqlLexer.IDENT || k == SqlLexer.QUOTED_IDENT;
  }

  /**
   * Consumes an identifier, quoted or not, and returns its name; any keyword is accepted, as where
   * the grammar expects a name there is no ambiguity.
   */
  String identifier(String what) {
    int k = kind();
    if (k == SqlLexer.IDENT) {
      return lx.tokenText(pos++);
    }
    if (k == SqlLexer.QUOTED_IDENT) {
      String raw = lx.tokenText(pos++);
      return raw.substring(1, raw.length() - 1).replace("``", "`");
    }
    throw error(what);
  }

  String text() {
    return lx.text;
  }
}
