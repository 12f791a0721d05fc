package io.tideline.internal.expr;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Quoting of identifiers in printed SQL, so that the SQL parser reads them back as names. */
public final class Identifiers {
  // Words the expression parser never reads as a column name or alias: they start or continue
  // expression syntax. Every other keyword (IF, LEFT, DATE, ORDER, ...) is a valid name unquoted.
  private static final Set<String> RESERVED =
      Set.of(
          "AND",
          "OR",
          "NOT",
          "IS",
          "IN",
          "BETWEEN",
          "LIKE",
          "ILIKE",
          "RLIKE",
          "REGEXP",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "NULL",
          "TRUE",
          "FALSE",
          "AS",
          "DISTINCT",
          "DIV",
          "ESCAPE",
          "FROM");

  private Identifiers() {}

  /** True when {@code word} (any case) needs backticks to be read as a name in an expression. */
  public static boolean isReserved(String word) {
    return word.length() <= 8 && RESERVED.contains(word.toUpperCase(Locale.ROOT));
  }

  /** {@code name}, in backticks when it is not a plain identifier or is a reserved word. */
  public static String quote(String name) {
    boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
    for (int i = 0; plain && i < name.length(); i++) {
      char c = name.charAt(i);
      plain =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return plain && !isReserved(name) ? name : "`" + name.replace("`", "``") + "`";
  }

  /**
   * A function name as printed before {@code (}: quoted also when unquoted it would start a special
   * form ({@code CAST(x AS t)}).
   */
  public static String quoteFunctionName(String name) {
    return SPECIAL_FORM_NAMES.contains(name.toUpperCase(Locale.ROOT))
        ? "`" + name + "`"
        : quote(name);
  }

  /**
   * True for the functions whose first argument, when it is a bare word such as {@code DAY}, the
   * parser reads as a datetime unit ({@code TIMESTAMPADD(DAY, 1, ts)}).
   */
  public static boolean takesUnitKeyword(String functionName) {
    return UNIT_FUNCTIONS.contains(functionName.toUpperCase(Locale.ROOT));
  }

  /** True when {@code word} (any case) is a datetime unit keyword of {@link #takesUnitKeyword}. */
  public static boolean isDatetimeUnit(String word) {
    return DATETIME_UNITS.contains(word.toUpperCase(Locale.ROOT));
  }

  // CAST(x AS t) is not a call; LIKE ANY(...) is a quantified LIKE, not a call of any().
  private static final Set<String> SPECIAL_FORM_NAMES =
      Set.of("CAST", "TRY_CAST", "ANY", "SOME", "ALL");
  private static final Set<String> UNIT_FUNCTIONS =
      Set.of(
          "TIMESTAMPADD",
          "DATEADD",
          "DATE_ADD",
          "TIMESTAMPDIFF",
          "DATEDIFF",
          "DATE_DIFF",
          "TIMEDIFF");
  private static final Set<String> DATETIME_UNITS =
      Set.of(
          "YEAR",
          "QUARTER",
          "MONTH",
          "WEEK",
          "DAY",
          "DAYOFYEAR",
          "HOUR",
          "MINUTE",
          "SECOND",
          "MILLISECOND",
          "MICROSECOND");

  public static String quoteParts(List<String> parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(quote(parts.get(i)));
    }
    return sb.toString();
  }
}
