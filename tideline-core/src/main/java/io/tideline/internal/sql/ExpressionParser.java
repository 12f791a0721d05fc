package io.tideline.internal.sql;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Between;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Identifiers;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.internal.expr.UnresolvedColumn;
import io.tideline.internal.expr.UnresolvedExtract;
import io.tideline.internal.expr.UnresolvedFunction;
import io.tideline.internal.expr.UnresolvedStar;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of Spark SQL expressions, by recursive descent with precedence climbing for the
 * binary operators. Precedence, loosest first, as in Spark's {@code SqlBaseParser}: OR; AND; NOT;
 * predicates (BETWEEN, IN, LIKE, RLIKE, IS); comparisons; {@code |}; {@code ^}; {@code &}; shifts
 * {@code << >> >>>}; {@code + - ||}; {@code * / % DIV}; unary {@code - + ~}; postfix {@code [i]},
 * {@code .field}, {@code ::type}.
 *
 * <p>Output is unresolved: column names, function calls and extractions are left to the analyser;
 * typed DATE and TIMESTAMP literals become casts of strings, which the analyser folds.
 */
final class ExpressionParser extends TypeParser {
  /** Set by {@link #primary} when it read a plain column name, which a {@code .name} extends. */
  private boolean primaryIsColumnPath;

  ExpressionParser(String text) {
    super(text);
  }

  /** A whole text holding one named expression. */
  Expr singleNamedExpression() {
    if (at(SqlLexer.EOF)) {
      throw ParseErrors.emptyStatement(text());
    }
    Expr e = namedExpression();
    expectEnd();
    return e;
  }

  /** An expression with an optional alias ({@code AS name} or a bare name), or a star. */
  Expr namedExpression() {
    Expr star = star();
    if (star != null) {
      return star;
    }
    Expr e = expression();
    if (acceptWord("AS")) {
      return new Alias(e, identifier("an alias after AS"));
    }
    if (at(SqlLexer.QUOTED_IDENT)
        || (at(SqlLexer.IDENT) && !Identifiers.isReserved(lx.tokenText(pos)))) {
      return new Alias(e, identifier("an alias"));
    }
    return e;
  }

  /** {@code *} or {@code a.b.*}, or null (without moving) when the tokens are not a star. */
  private Expr star() {
    if (accept(SqlLexer.STAR)) {
      return new UnresolvedStar(List.of());
    }
    int p = pos;
    int parts = 0;
    while (lx.kind(p) == SqlLexer.IDENT || lx.kind(p) == SqlLexer.QUOTED_IDENT) {
      if (lx.kind(p + 1) != SqlLexer.DOT) {
        return null;
      }
      parts++;
      p += 2;
      if (lx.kind(p) == SqlLexer.STAR) {
        List<String> target = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
          target.add(identifier("a name"));
          pos++;
        }
        pos++;
        return new UnresolvedStar(target);
      }
    }
    return null;
  }

  Expr expression() {
    Expr left = and();
    while (acceptWord("OR")) {
      left = new BinaryOp(BinaryOperator.OR, left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (acceptWord("AND")) {
      left = new BinaryOp(BinaryOperator.AND, left, not());
    }
    return left;
  }

  private Expr not() {
    if (atWord("NOT") || at(SqlLexer.BANG)) {
      pos++;
      return new UnaryOp(UnaryOperator.NOT, not());
    }
    return predicated();
  }

  private Expr predicated() {
    Expr value = value(1);
    boolean negated = false;
    if ((atWord("NOT") || at(SqlLexer.BANG)) && isPredicateWord(1)) {
      negated = true;
      pos++;
    }
    Expr result;
    if (acceptWord("BETWEEN")) {
      Expr lower = value(1);
      expectWord("AND");
      result = new Between(value, lower, value(1));
    } else if (acceptWord("IN")) {
      expect(SqlLexer.LPAREN, "'(' after IN");
      List<Expr> list = new ArrayList<>();
      do {
        list.add(expression());
      } while (accept(SqlLexer.COMMA));
      expect(SqlLexer.RPAREN, "',' or ')'");
      result = new In(value, list);
    } else if (acceptWord("RLIKE") || acceptWord("REGEXP")) {
      result = new Like(Like.Kind.RLIKE, value, value(1));
    } else if ((atWord("LIKE") || atWord("ILIKE"))
        && (atWord(1, "ANY") || atWord(1, "SOME") || atWord(1, "ALL"))
        && kind(2) == SqlLexer.LPAREN) {
      return quantifiedLike(value, negated);
    } else if (atWord("LIKE") || atWord("ILIKE")) {
      Like.Kind kind = atWord("LIKE") ? Like.Kind.LIKE : Like.Kind.ILIKE;
      pos++;
      Expr pattern = value(1);
      char escape = '\\';
      if (acceptWord("ESCAPE")) {
        if (!at(SqlLexer.STRING)) {
          throw error("a string literal after ESCAPE");
        }
        String e = Literals.unescape(lx, pos);
        if (e.length() != 1) {
          throw ParseErrors.invalidEscape(span(), e);
        }
        pos++;
        escape = e.charAt(0);
      }
      result = new Like(kind, value, pattern, escape);
    } else if (acceptWord("IS")) {
      return isPredicate(value);
    } else {
      return value;
    }
    return negated ? new UnaryOp(UnaryOperator.NOT, result) : result;
  }

  /**
   * {@code v [NOT] LIKE ANY|SOME|ALL (p1, p2, ...)}: an OR (ANY, SOME) or AND (ALL) of single
   * LIKEs, each negated for NOT, which has the three-valued logic of Spark's LikeAny, LikeAll,
   * NotLikeAny and NotLikeAll.
   */
  private Expr quantifiedLike(Expr value, boolean negated) {
    Like.Kind kind = atWord("LIKE") ? Like.Kind.LIKE : Like.Kind.ILIKE;
    boolean all = atWord(1, "ALL");
    pos += 3;
    if (at(SqlLexer.RPAREN)) {
      throw error("at least one pattern");
    }
    Expr result = null;
    do {
      Expr like = new Like(kind, value, expression());
      if (negated) {
        like = new UnaryOp(UnaryOperator.NOT, like);
      }
      result =
          result == null
              ? like
              : new BinaryOp(all ? BinaryOperator.AND : BinaryOperator.OR, result, like);
    } while (accept(SqlLexer.COMMA));
    expect(SqlLexer.RPAREN, "',' or ')'");
    return result;
  }

  private boolean isPredicateWord(int ahead) {
    return atWord(ahead, "BETWEEN")
        || atWord(ahead, "IN")
        || atWord(ahead, "LIKE")
        || atWord(ahead, "ILIKE")
        || atWord(ahead, "RLIKE")
        || atWord(ahead, "REGEXP");
  }

  // IS [NOT] TRUE/FALSE/DISTINCT FROM have no node of their own: Spark rewrites them to <=> too.
  private Expr isPredicate(Expr value) {
    boolean not = acceptWord("NOT") || accept(SqlLexer.BANG);
    if (acceptWord("NULL") || acceptWord("UNKNOWN")) {
      return new UnaryOp(not ? UnaryOperator.IS_NOT_NULL : UnaryOperator.IS_NULL, value);
    }
    Expr result;
    if (acceptWord("TRUE")) {
      result = new BinaryOp(BinaryOperator.EQ_NULL_SAFE, value, Literal.TRUE);
    } else if (acceptWord("FALSE")) {
      result = new BinaryOp(BinaryOperator.EQ_NULL_SAFE, value, Literal.FALSE);
    } else if (acceptWord("DISTINCT")) {
      expectWord("FROM");
      result = new BinaryOp(BinaryOperator.EQ_NULL_SAFE, value, value(1));
      not = !not;
    } else {
      throw error("NULL, NOT NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS");
    }
    return not ? new UnaryOp(UnaryOperator.NOT, result) : result;
  }

  /** Binary operators binding at least as tightly as {@code minLevel} (1 = comparisons). */
  private Expr value(int minLevel) {
    Expr left = unary();
    while (true) {
      String shift = shiftFunction();
      BinaryOperator op = shift == null ? binaryOperator() : null;
      int level = shift != null ? 5 : op == null ? 0 : level(op);
      if (level == 0 || level < minLevel) {
        return left;
      }
      pos++;
      Expr right = value(level + 1);
      // Spark 4's shift operators have no node of their own: they are the shift functions.
      left =
          shift != null
              ? new UnresolvedFunction(shift, List.of(left, right), false)
              : new BinaryOp(op, left, right);
    }
  }

  private String shiftFunction() {
    return switch (kind()) {
      case SqlLexer.SHIFT_LEFT -> "shiftleft";
      case SqlLexer.SHIFT_RIGHT -> "shiftright";
      case SqlLexer.SHIFT_RIGHT_UNSIGNED -> "shiftrightunsigned";
      default -> null;
    };
  }

  private BinaryOperator binaryOperator() {
    return switch (kind()) {
      case SqlLexer.STAR -> BinaryOperator.MULTIPLY;
      case SqlLexer.SLASH -> BinaryOperator.DIVIDE;
      case SqlLexer.PERCENT -> BinaryOperator.MOD;
      case SqlLexer.PLUS -> BinaryOperator.ADD;
      case SqlLexer.MINUS -> BinaryOperator.SUBTRACT;
      case SqlLexer.CONCAT -> BinaryOperator.CONCAT;
      case SqlLexer.AMPERSAND -> BinaryOperator.BIT_AND;
      case SqlLexer.HAT -> BinaryOperator.BIT_XOR;
      case SqlLexer.PIPE -> BinaryOperator.BIT_OR;
      case SqlLexer.EQ, SqlLexer.EQ_EQ -> BinaryOperator.EQ;
      case SqlLexer.NSEQ -> BinaryOperator.EQ_NULL_SAFE;
      case SqlLexer.NEQ, SqlLexer.NEQJ -> BinaryOperator.NOT_EQ;
      case SqlLexer.LT -> BinaryOperator.LT;
      case SqlLexer.LTE -> BinaryOperator.LE;
      case SqlLexer.GT -> BinaryOperator.GT;
      case SqlLexer.GTE -> BinaryOperator.GE;
      case SqlLexer.IDENT -> atWord("DIV") ? BinaryOperator.INT_DIVIDE : null;
      default -> null;
    };
  }

  private static int level(BinaryOperator op) {
    return switch (op) {
      case MULTIPLY, DIVIDE, MOD, INT_DIVIDE -> 7;
      case ADD, SUBTRACT, CONCAT -> 6;
      case BIT_AND -> 4;
      case BIT_XOR -> 3;
      case BIT_OR -> 2;
      case AND, OR -> 0;
      default -> 1;
    };
  }

  private Expr unary() {
    int k = kind();
    if (k == SqlLexer.MINUS) {
      if (lx.isNumber(pos + 1)) {
        // As in Spark's grammar a minus sign directly before a number is part of the literal, so
        // -2147483648 is an INT and -128Y a TINYINT.
        Literal lit = Literals.number(lx, pos + 1, true, lx.start(pos));
        pos += 2;
        primaryIsColumnPath = false;
        return postfix(lit);
      }
      pos++;
      return new UnaryOp(UnaryOperator.NEGATE, unary());
    }
    if (k == SqlLexer.PLUS) {
      pos++;
      return new UnaryOp(UnaryOperator.POSITIVE, unary());
    }
    if (k == SqlLexer.TILDE) {
      pos++;
      return new UnaryOp(UnaryOperator.BIT_NOT, unary());
    }
    Expr p = primary();
    return postfix(p);
  }

  private Expr postfix(Expr e) {
    boolean columnPath = primaryIsColumnPath;
    while (true) {
      if (accept(SqlLexer.LBRACKET)) {
        Expr index = expression();
        expect(SqlLexer.RBRACKET, "']'");
        e = new UnresolvedExtract(e, index, false);
        columnPath = false;
      } else if (at(SqlLexer.DOT)
          && (kind(1) == SqlLexer.IDENT || kind(1) == SqlLexer.QUOTED_IDENT)) {
        pos++;
        String field = identifier("a field name");
        if (columnPath) {
          List<String> parts = new ArrayList<>(((UnresolvedColumn) e).nameParts());
          parts.add(field);
          e = new UnresolvedColumn(parts);
        } else {
          e = new UnresolvedExtract(e, Literal.of(field), true);
        }
      } else if (at(SqlLexer.DOT)) {
        pos++;
        throw error(
            at(SqlLexer.STAR) ? "a field name: a star is only allowed alone" : "a field name");
      } else if (accept(SqlLexer.DOUBLE_COLON)) {
        e = new Cast(e, dataType());
        columnPath = false;
      } else {
        if (columnPath && at(SqlLexer.LPAREN)) {
          throw ParseErrors.syntaxError(
              span(),
              "a function name is one identifier; qualified names such as a.b(...) are not supported");
        }
        primaryIsColumnPath = false;
        return e;
      }
    }
  }

  private Expr primary() {
    primaryIsColumnPath = false;
    int k = kind();
    if (lx.isNumber(pos)) {
      Literal number = Literals.number(lx, pos, false, lx.start(pos));
      pos++;
      return number;
    }
    switch (k) {
      case SqlLexer.STRING:
        return stringLiteral();
      case SqlLexer.LPAREN:
        {
          pos++;
          Expr e = expression();
          if (at(SqlLexer.COMMA) || atWord("AS")) {
            return rowConstructor(e);
          }
          expect(SqlLexer.RPAREN, "')'");
          return e;
        }
      case SqlLexer.QUOTED_IDENT:
        return nameOrCall();
      case SqlLexer.IDENT:
        return keywordOrName();
      default:
        throw error("an expression");
    }
  }

  /** {@code (a, b AS x)}: Spark's row constructor, the same as {@code struct(a, b AS x)}. */
  private Expr rowConstructor(Expr first) {
    List<Expr> fields = new ArrayList<>();
    fields.add(acceptWord("AS") ? new Alias(first, identifier("an alias after AS")) : first);
    while (accept(SqlLexer.COMMA)) {
      fields.add(namedExpression());
    }
    expect(SqlLexer.RPAREN, "',' or ')'");
    return new UnresolvedFunction("struct", fields, false);
  }

  private Expr keywordOrName() {
    if (acceptWord("NULL")) {
      return Literal.NULL;
    }
    if (acceptWord("TRUE")) {
      return Literal.TRUE;
    }
    if (acceptWord("FALSE")) {
      return Literal.FALSE;
    }
    if (acceptWord("CASE")) {
      return caseWhen();
    }
    if ((atWord("CAST") || atWord("TRY_CAST")) && kind(1) == SqlLexer.LPAREN) {
      return cast();
    }
    if (atWord("EXTRACT")
        && kind(1) == SqlLexer.LPAREN
        && kind(2) == SqlLexer.IDENT
        && atWord(3, "FROM")) {
      return extract();
    }
    if (kind(1) == SqlLexer.STRING) {
      Expr typed = typedLiteral();
      if (typed != null) {
        return typed;
      }
    }
    if (atWord("INTERVAL") && isIntervalStart()) {
      return interval();
    }
    if (Identifiers.isReserved(lx.tokenText(pos))) {
      throw error("an expression");
    }
    return nameOrCall();
  }

  private Expr nameOrCall() {
    int nameTok = pos;
    if (kind(1) == SqlLexer.ARROW) {
      throw ParseErrors.syntaxError(
          lx.span(pos + 1), "lambda functions (x -> ...) are not supported yet");
    }
    if (kind(1) == SqlLexer.FAT_ARROW) {
      throw ParseErrors.syntaxError(
          lx.span(pos + 1), "named arguments (name => value) are not supported yet");
    }
    String name = identifier("a name");
    if (at(SqlLexer.LPAREN)) {
      return functionCall(name, nameTok);
    }
    primaryIsColumnPath = true;
    return new UnresolvedColumn(List.of(name));
  }

  private Expr functionCall(String name, int nameTok) {
    expect(SqlLexer.LPAREN, "'('");
    if (lx.kind(nameTok) == SqlLexer.IDENT && !atWord("DISTINCT")) {
      Expr special = specialFormCall(name);
      if (special != null) {
        return special;
      }
    }
    boolean distinct = acceptWord("DISTINCT");
    if (!distinct && atWord("ALL")) {
      int next = kind(1);
      if ((next == SqlLexer.IDENT && !atWord(1, "AS"))
          || next == SqlLexer.QUOTED_IDENT
          || next == SqlLexer.STRING
          || lx.isNumber(pos + 1)) {
        pos++;
      }
    }
    boolean namedArgs = name.equalsIgnoreCase("struct") && lx.kind(nameTok) == SqlLexer.IDENT;
    List<Expr> args = new ArrayList<>();
    if (!accept(SqlLexer.RPAREN)) {
      do {
        if (namedArgs) {
          args.add(namedExpression());
        } else {
          Expr star = star();
          args.add(star != null ? star : expression());
        }
        if (atWord("IGNORE") && atWord(1, "NULLS") && kind(2) == SqlLexer.RPAREN) {
          // first(x IGNORE NULLS), last(...), any_value(...): Spark's second argument.
          pos += 2;
          args.add(Literal.TRUE);
        }
      } while (accept(SqlLexer.COMMA));
      expect(SqlLexer.RPAREN, "',' or ')'");
    }
    if (atWord("IGNORE") && atWord(1, "NULLS")) {
      // Spark passes IGNORE NULLS to first, last, nth_value, ... as their ignoreNulls argument.
      pos += 2;
      args.add(Literal.TRUE);
    } else if (atWord("RESPECT") && atWord(1, "NULLS")) {
      pos += 2;
    }
    if ((atWord("OVER") || atWord("FILTER")) && kind(1) == SqlLexer.LPAREN) {
      throw ParseErrors.syntaxError(
          span(),
          lx.tokenText(pos).toUpperCase(java.util.Locale.ROOT) + " clauses are not supported yet");
    }
    return new UnresolvedFunction(name, args, distinct);
  }

  /**
   * The SQL-standard call forms, as ordinary calls: {@code POSITION(substr IN str)}, {@code
   * SUBSTRING(str FROM pos [FOR len])}, {@code TRIM([BOTH|LEADING|TRAILING] [chars] FROM str)},
   * {@code OVERLAY(input PLACING replace FROM pos [FOR len])} and the unit forms {@code
   * TIMESTAMPADD(DAY, n, ts)} and {@code TIMESTAMPDIFF(DAY, a, b)}; null (without moving) when the
   * call uses plain arguments.
   *
   * <p>TRIM with characters becomes {@code btrim(str, chars)}, {@code ltrim(chars, str)} or {@code
   * rtrim(chars, str)}, the argument orders of Spark's SQL functions.
   */
  private Expr specialFormCall(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    long start = mark();
    if (at(SqlLexer.RPAREN) || star() != null) {
      reset(start);
      return null;
    }
    if (Identifiers.takesUnitKeyword(name)) {
      return unitCall(name);
    }
    if (lower.equals("trim")) {
      return trim();
    }
    if (!lower.equals("position")
        && !(lower.equals("substr") || lower.equals("substring"))
        && !lower.equals("overlay")) {
      return null;
    }
    Expr first = value(1);
    if (lower.equals("position") && acceptWord("IN")) {
      Expr str = value(1);
      expect(SqlLexer.RPAREN, "')'");
      return new UnresolvedFunction(name, List.of(first, str), false);
    }
    if ((lower.equals("substr") || lower.equals("substring")) && acceptWord("FROM")) {
      List<Expr> args = new ArrayList<>(3);
      args.add(first);
      args.add(value(1));
      if (acceptWord("FOR")) {
        args.add(value(1));
      }
      expect(SqlLexer.RPAREN, "')'");
      return new UnresolvedFunction(name, args, false);
    }
    if (lower.equals("overlay") && acceptWord("PLACING")) {
      List<Expr> args = new ArrayList<>(4);
      args.add(first);
      args.add(value(1));
      expectWord("FROM");
      args.add(value(1));
      if (acceptWord("FOR")) {
        args.add(value(1));
      }
      expect(SqlLexer.RPAREN, "')'");
      return new UnresolvedFunction(name, args, false);
    }
    reset(start);
    return null;
  }

  // TIMESTAMPADD(DAY, 1, ts): the unit is a keyword, passed on as a string argument.
  private Expr unitCall(String name) {
    if (!at(SqlLexer.IDENT)
        || kind(1) != SqlLexer.COMMA
        || !Identifiers.isDatetimeUnit(lx.tokenText(pos))) {
      return null;
    }
    String unit = lx.tokenText(pos).toUpperCase(java.util.Locale.ROOT);
    pos += 2;
    Expr a = value(1);
    expect(SqlLexer.COMMA, "','");
    Expr b = value(1);
    expect(SqlLexer.RPAREN, "')'");
    return new UnresolvedFunction(name, List.of(Literal.of(unit), a, b), false);
  }

  private Expr trim() {
    long start = mark();
    String function = "trim";
    boolean option = false;
    if ((atWord("BOTH") || atWord("LEADING") || atWord("TRAILING"))
        && kind(1) != SqlLexer.COMMA
        && kind(1) != SqlLexer.RPAREN) {
      function = atWord("BOTH") ? "trim" : atWord("LEADING") ? "ltrim" : "rtrim";
      option = true;
      pos++;
    }
    Expr chars = null;
    if (!atWord("FROM")) {
      chars = value(1);
    }
    if (!acceptWord("FROM")) {
      if (option) {
        throw error("FROM");
      }
      reset(start);
      return null;
    }
    Expr source = value(1);
    expect(SqlLexer.RPAREN, "')'");
    if (chars == null) {
      return new UnresolvedFunction(function, List.of(source), false);
    }
    // Spark's SQL forms: btrim(str, trimStr), but ltrim(trimStr, str) and rtrim(trimStr, str).
    return function.equals("trim")
        ? new UnresolvedFunction("btrim", List.of(source, chars), false)
        : new UnresolvedFunction(function, List.of(chars, source), false);
  }

  private Expr stringLiteral() {
    String first = Literals.unescape(lx, pos++);
    if (!at(SqlLexer.STRING)) {
      return Literal.of(first);
    }
    StringBuilder sb = new StringBuilder(first);
    while (at(SqlLexer.STRING)) {
      sb.append(Literals.unescape(lx, pos++));
    }
    return Literal.of(sb.toString());
  }

  private Expr caseWhen() {
    Expr subject = atWord("WHEN") ? null : expression();
    List<Expr> conditions = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (acceptWord("WHEN")) {
      Expr c = expression();
      conditions.add(subject == null ? c : new BinaryOp(BinaryOperator.EQ, subject, c));
      expectWord("THEN");
      values.add(expression());
    }
    if (conditions.isEmpty()) {
      throw error("WHEN");
    }
    Expr elseValue = acceptWord("ELSE") ? expression() : null;
    if (!acceptWord("END")) {
      throw error(elseValue == null ? "WHEN, ELSE or END" : "END");
    }
    return new CaseWhen(conditions, values, elseValue);
  }

  private Expr cast() {
    boolean tryCast = atWord("TRY_CAST");
    pos += 2;
    Expr child = expression();
    expectWord("AS");
    DataType type = dataType();
    expect(SqlLexer.RPAREN, "')'");
    return new Cast(child, type, tryCast, false);
  }

  // EXTRACT(field FROM source) is date_part with the field as a string, as Spark builds it.
  private Expr extract() {
    pos += 2;
    String field = identifier("a field");
    expectWord("FROM");
    Expr source = expression();
    expect(SqlLexer.RPAREN, "')'");
    return new UnresolvedFunction("extract", List.of(Literal.of(field), source), false);
  }

  /** DATE, TIMESTAMP, TIMESTAMP_LTZ and X literals, or null when the word is none of them. */
  private Expr typedLiteral() {
    int start = pos;
    DataType type;
    if (atWord("DATE")) {
      type = DataTypes.DateType;
    } else if (atWord("TIMESTAMP") || atWord("TIMESTAMP_LTZ")) {
      type = DataTypes.TimestampType;
    } else if (atWord("X")) {
      pos++;
      String hex = Literals.unescape(lx, pos);
      byte[] bytes = Literals.hex(hex);
      if (bytes == null) {
        throw ParseErrors.invalidTypedLiteral(spanTo(start, pos), "X", hex);
      }
      pos++;
      return new Literal(bytes, DataTypes.BinaryType);
    } else if (atWord("TIMESTAMP_NTZ") || atWord("TIME")) {
      throw ParseErrors.unsupportedTypedLiteral(
          span(), lx.tokenText(pos).toUpperCase(java.util.Locale.ROOT));
    } else {
      return null;
    }
    pos++;
    String value = Literals.unescape(lx, pos);
    if (!TypedLiteralCheck.plausible(value, type == DataTypes.DateType)) {
      throw ParseErrors.invalidTypedLiteral(
          spanTo(start, pos), type == DataTypes.DateType ? "DATE" : "TIMESTAMP", value);
    }
    pos++;
    return new Cast(Literal.of(value), type);
  }

  private ParseErrors.Span spanTo(int fromTok, int toTok) {
    return new ParseErrors.Span(lx.text, lx.start(fromTok), lx.end(toTok));
  }

  // INTERVAL is also a valid column name: "interval - 1" and "interval + 'x'" are arithmetic on
  // that column. Only a string right after the word, or a value followed by a unit, is a literal.
  private boolean isIntervalStart() {
    int p = pos + 1;
    if (lx.kind(p) == SqlLexer.STRING) {
      return true;
    }
    if (lx.kind(p) == SqlLexer.MINUS || lx.kind(p) == SqlLexer.PLUS) {
      p++;
    }
    int k = lx.kind(p);
    return (k == SqlLexer.STRING || k == SqlLexer.INTEGER || k == SqlLexer.DECIMAL)
        && IntervalUnit.at(lx, p + 1, false) != null;
  }

  /**
   * {@code INTERVAL '1 10:00:00' DAY TO SECOND}, {@code INTERVAL '10' MINUTE} or {@code INTERVAL 1
   * HOUR 30 MINUTES}: a DAY TO SECOND literal in microseconds or a YEAR TO MONTH one in months.
   */
  private Expr interval() {
    int start = pos++;
    long months = 0;
    long micros = 0;
    boolean yearMonth = false;
    boolean dayTime = false;
    boolean first = true;
    do {
      int valueStart = pos;
      boolean negative = accept(SqlLexer.MINUS);
      if (!negative) {
        accept(SqlLexer.PLUS);
      }
      boolean isString = at(SqlLexer.STRING);
      if (!isString && !at(SqlLexer.INTEGER) && !at(SqlLexer.DECIMAL)) {
        throw error("an interval value");
      }
      String value = isString ? Literals.unescape(lx, pos) : lx.tokenText(pos);
      if (negative) {
        value = value.startsWith("-") ? value.substring(1) : "-" + value;
      }
      pos++;
      IntervalUnit unit = IntervalUnit.at(lx, pos, false);
      if (unit == null && first && isString) {
        return intervalString(value, spanTo(valueStart, pos - 1));
      }
      if (unit == null) {
        throw error("an interval unit (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...)");
      }
      ParseErrors.Span span = spanTo(valueStart, pos);
      pos++;
      if (first && isString && atWord("TO")) {
        pos++;
        IntervalUnit to = IntervalUnit.fieldAt(lx, pos);
        if (to == null
            || to.ordinal() <= unit.ordinal()
            || to.yearMonth() != unit.yearMonth()
            || unit == IntervalUnit.WEEK) {
          throw error("YEAR TO MONTH, or a day-time range such as DAY TO SECOND");
        }
        pos++;
        span = spanTo(valueStart, pos - 1);
        if (unit.yearMonth()) {
          return yearMonthLiteral(IntervalLiterals.yearToMonth(value, span), span);
        }
        return new Literal(
            IntervalLiterals.dayTime(value, unit, to, span), DataTypes.DayTimeIntervalType);
      }
      first = false;
      long v = IntervalLiterals.unitValue(value, unit, span);
      try {
        if (unit.yearMonth()) {
          yearMonth = true;
          months = Math.addExact(months, v);
        } else {
          dayTime = true;
          micros = Math.addExact(micros, v);
        }
      } catch (ArithmeticException e) {
        throw ParseErrors.invalidInterval(
            spanTo(start, pos - 1), value, "the value is out of range");
      }
    } while (at(SqlLexer.STRING)
        || at(SqlLexer.INTEGER)
        || at(SqlLexer.DECIMAL)
        || ((at(SqlLexer.MINUS) || at(SqlLexer.PLUS))
            && (kind(1) == SqlLexer.STRING || kind(1) == SqlLexer.INTEGER)
            && IntervalUnit.at(lx, pos + 2, false) != null));
    ParseErrors.Span whole = spanTo(start, pos - 1);
    if (yearMonth && dayTime) {
      throw ParseErrors.invalidInterval(
          whole,
          lx.text.substring(whole.start(), whole.stop()),
          "it mixes year-month and day-time units; write two literals and add them");
    }
    return yearMonth
        ? yearMonthLiteral(months, whole)
        : new Literal(micros, DataTypes.DayTimeIntervalType);
  }

  /**
   * {@code INTERVAL '1 day 2 hours'}: the units are inside the string, which reads like the
   * multi-unit form.
   */
  private Expr intervalString(String value, ParseErrors.Span span) {
    String body = value.trim();
    if (body.regionMatches(true, 0, "interval", 0, 8)) {
      body = body.substring(8);
    }
    if (body.isBlank()) {
      throw ParseErrors.invalidInterval(span, value, "it names no unit");
    }
    ExpressionParser inner = new ExpressionParser("INTERVAL " + body);
    try {
      if (!inner.isIntervalStart()) {
        throw inner.error("a value");
      }
      Expr result = inner.interval();
      inner.expectEnd();
      return result;
    } catch (ParseException e) {
      String reason =
          e.condition() == ParseErrors.Condition.INVALID_INTERVAL_FORMAT
              ? e.parameters().get("reason")
              : "expected a number and a unit at character " + (e.startIndex() - 8);
      throw ParseErrors.invalidInterval(span, value, reason);
    }
  }

  private Literal yearMonthLiteral(long months, ParseErrors.Span span) {
    if (months != (int) months) {
      throw ParseErrors.invalidInterval(
          span, lx.text.substring(span.start(), span.stop()), "the value is out of range");
    }
    return new Literal((int) months, DataTypes.YearMonthIntervalType);
  }
}
