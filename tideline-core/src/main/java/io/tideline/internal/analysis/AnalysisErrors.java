package io.tideline.internal.analysis;

import io.tideline.AnalysisException;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.expr.Expr;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expression analyser's error conditions and the factory that throws them. Conditions carry
 * Spark's names and SQLSTATEs; parameters are quoted as Spark quotes them (identifiers in
 * backticks, expressions and types in double quotes), so messages read like Spark's.
 */
public final class AnalysisErrors {
  private AnalysisErrors() {}

  /** The conditions the analyser raises. */
  public enum Condition implements ErrorCondition {
    UNRESOLVED_COLUMN_WITH_SUGGESTION(
        "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        "42703",
        "A column, variable, or function parameter with name <objectName> cannot be resolved."
            + " Did you mean one of the following? [<proposal>]."),
    UNRESOLVED_COLUMN_WITHOUT_SUGGESTION(
        "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
        "42703",
        "A column, variable, or function parameter with name <objectName> cannot be resolved."
            + " The input has no columns."),
    AMBIGUOUS_REFERENCE(
        "AMBIGUOUS_REFERENCE",
        "42704",
        "Reference <name> is ambiguous, could be: [<referenceNames>]. Qualify the column with"
            + " its DataFrame alias, e.g. df.alias(\"a\") and `a`.<name>, or rename one side."),
    AMBIGUOUS_REFERENCE_TO_FIELDS(
        "AMBIGUOUS_REFERENCE_TO_FIELDS",
        "42000",
        "Ambiguous reference to the field <field>. It appears <count> times in the schema."
            + " Use the exact case of the field name with tideline.sql.caseSensitive=true."),
    FIELD_NOT_FOUND("FIELD_NOT_FOUND", "42704", "No such struct field <fieldName> in <fields>."),
    INVALID_EXTRACT_BASE_FIELD_TYPE(
        "INVALID_EXTRACT_BASE_FIELD_TYPE",
        "42000",
        "Can't extract a value from <base>. Need a complex type [STRUCT, ARRAY, MAP] but got"
            + " <other>."),
    INVALID_EXTRACT_FIELD_TYPE(
        "INVALID_EXTRACT_FIELD_TYPE",
        "42000",
        "Field name should be a non-null string literal, but it's <extraction>."),
    CANNOT_RESOLVE_STAR_EXPAND(
        "CANNOT_RESOLVE_STAR_EXPAND",
        "42704",
        "Cannot resolve <targetString>.* given input columns <columns>. Please check that the"
            + " specified table or struct exists and is accessible in the input columns."),
    INVALID_STAR_EXPAND_TYPE(
        "INVALID_STAR_EXPAND_TYPE",
        "42000",
        "Can only star expand struct data types, but <targetString> has the type <type>."),
    INVALID_USAGE_OF_STAR(
        "INVALID_USAGE_OF_STAR_OR_REGEX",
        "42000",
        "Invalid usage of '*' in <prettyName>. A star is allowed in a select list, in count(*)"
            + " and in function arguments."),
    BINARY_OP_DIFF_TYPES(
        "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the"
            + " binary operator have incompatible types (<left> and <right>)."),
    BINARY_OP_WRONG_TYPE(
        "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the"
            + " input type <inputType>, not <actualDataType>."),
    UNEXPECTED_INPUT_TYPE(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the <paramIndex> parameter requires"
            + " the <requiredType> type, however <inputSql> has the type <inputType>."),
    DATA_DIFF_TYPES(
        "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: input to <functionName> should all"
            + " be the same type, but it's <dataType>."),
    FILTER_NOT_BOOLEAN(
        "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: filter expression <filter> of type"
            + " <type> is not a boolean."),
    CAST_WITHOUT_SUGGESTION(
        "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to"
            + " <targetType>."),
    CAST_WITH_FUNC_SUGGESTION(
        "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to"
            + " <targetType>. To convert values from <srcType> to <targetType>, you can use the"
            + " functions <functionNames> instead."),
    CAST_WITH_CONF_SUGGESTION(
        "DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to"
            + " <targetType> with ANSI mode on. If you have to cast <srcType> to <targetType>, you"
            + " can set <config> as <configVal>."),
    INVALID_ORDERING_TYPE(
        "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the <functionName> does not support"
            + " ordering on type <dataType>."),
    NON_FOLDABLE_INPUT(
        "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a"
            + " foldable <inputType> expression; however, got <inputExpr>. Pass a literal."),
    CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING(
        "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: only foldable STRING expressions"
            + " are allowed to appear at odd position, but they are <inputExprs>."),
    UNRESOLVED_ROUTINE(
        "UNRESOLVED_ROUTINE",
        "42883",
        "Cannot resolve routine <routineName> on search path [`system`.`builtin`]. Did you mean"
            + " one of the following? [<proposal>]."),
    WRONG_NUM_ARGS(
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "42605",
        "The <functionName> requires <expectedNum> parameters but the actual number is"
            + " <actualNum>. Please check the function's arguments in Tideline's function"
            + " reference (FunctionRegistry)."),
    FUNCTION_WITH_UNSUPPORTED_SYNTAX(
        "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
        "42000",
        "The function <prettyName> does not support <syntax>. Remove <syntax>, or use an"
            + " aggregate function."),
    NESTED_AGGREGATE_FUNCTION(
        "NESTED_AGGREGATE_FUNCTION",
        "42607",
        "It is not allowed to use an aggregate function in the argument of another aggregate"
            + " function: <expression>. Please use the inner aggregate function in a sub-query."),
    INVALID_WHERE_CONDITION(
        "INVALID_WHERE_CONDITION",
        "42903",
        "The WHERE condition <condition> contains invalid expressions: <expressionList>. Rewrite"
            + " the query to avoid window functions, aggregate functions, and generator functions"
            + " in the WHERE clause."),
    UNSUPPORTED_EXPR_FOR_OPERATOR(
        "UNSUPPORTED_EXPR_FOR_OPERATOR",
        "42K0E",
        "A query operator contains one or more unsupported expressions: <invalidExprSqls>."
            + " Aggregate functions are only allowed in select and agg(...) lists; move them"
            + " there, e.g. groupBy(...).agg(...)."),
    INVALID_EXTRACT_FIELD(
        "INVALID_EXTRACT_FIELD",
        "42601",
        "Cannot extract <field> from <expr>. Supported fields: YEAR, MONTH, DAY, HOUR, MINUTE."),
    VALUE_OUT_OF_RANGE(
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: the <exprName> must be between"
            + " <valueRange> (current value = <currentValue>). A window needs a positive duration,"
            + " a slide no longer than it, and a start time shorter than the slide."),
    PARAMETER_CONSTRAINT_VIOLATION(
        "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION",
        "42K09",
        "Cannot resolve <sqlExpr> due to data type mismatch: The <leftExprName>(<leftExprValue>)"
            + " must be <constraint> the <rightExprName>(<rightExprValue>). A sliding window's"
            + " slide must not exceed its duration, and its start time must be shorter than the"
            + " slide."),
    WINDOW_DURATION_NOT_LITERAL(
        "_LEGACY_ERROR_TEMP_1207",
        "42000",
        "The duration and time inputs to window must be an integer, long or string literal."
            + " Give the duration as text such as '10 minutes' in <sqlExpr>."),
    INTERVAL_WITH_MONTHS(
        "_LEGACY_ERROR_TEMP_3231",
        "22023",
        "Intervals greater than a month is not supported (<interval>). Months and years have no"
            + " fixed length: give the window or gap in weeks, days, hours, minutes or seconds."),
    SESSION_GAP_TYPE(
        "_LEGACY_ERROR_TEMP_1040",
        "42K09",
        "Gap duration expression used in session window must be CalendarIntervalType, but got"
            + " <dt>. Give the gap as an interval string, e.g. '10 minutes', or a STRING"
            + " expression such as when(...).otherwise('5 minutes')."),
    MULTIPLE_TIME_WINDOWS(
        "_LEGACY_ERROR_TEMP_1039",
        "42000",
        "Multiple time/session window expressions would result in a cartesian product of rows,"
            + " therefore they are currently not supported. Found <windows> in <operator>; use"
            + " one window(...) or session_window(...) per operator."),
    TIME_WINDOW_NOT_ALLOWED(
        "UNSUPPORTED_EXPR_FOR_OPERATOR",
        "42K0E",
        "A query operator contains one or more unsupported expressions: <invalidExprSqls>."
            + " window(...) and session_window(...) may appear in select, withColumn, filter,"
            + " orderBy and groupBy; compute the window in a select first, then <operator>."),
    INVALID_INTERVAL_FORMAT(
        "INVALID_INTERVAL_FORMAT.INVALID_UNIT",
        "22006",
        "Error parsing <input> to interval in <sqlExpr>. Give a duration such as '10 minutes' or"
            + " '1 hour 30 minutes' (units: week, day, hour, minute, second, millisecond,"
            + " microsecond)."),
    INVALID_SCHEMA(
        "INVALID_SCHEMA.PARSE_ERROR",
        "42K07",
        "The input schema <inputSchema> is not a valid schema string: <reason>. Give a DDL"
            + " schema such as 'a INT, b STRING'."),
    NON_STRUCT_JSON_SCHEMA(
        "INVALID_SCHEMA.NON_STRUCT_TYPE",
        "42K07",
        "The input schema <inputSchema> should be a STRUCT type, but got <dataType>: Tideline's"
            + " from_json parses into STRUCT schemas only (Spark also accepts ARRAY and MAP). Wrap"
            + " the value in an object and give a struct schema such as 'items ARRAY<INT>'."),
    INVALID_OPTIONS(
        "INVALID_OPTIONS.NON_MAP_FUNCTION",
        "42K06",
        "Invalid options in <functionName>: <reason>. Must use the map() function with string"
            + " literal keys and values for options.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String conditionName, String sqlState, String template) {
      this.conditionName = conditionName;
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return conditionName;
    }

    @Override
    public String sqlState() {
      return sqlState;
    }

    @Override
    public String template() {
      return template;
    }
  }

  /** An identifier as Spark quotes it in messages: {@code `a`.`b`}. */
  static String toSqlId(List<String> parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append('`').append(parts.get(i).replace("`", "``")).append('`');
    }
    return sb.toString();
  }

  static String toSqlId(String name) {
    return toSqlId(List.of(name));
  }

  static String toSqlType(DataType t) {
    return "\"" + t.sql() + "\"";
  }

  static String toSqlExpr(Expr e) {
    return "\"" + OutputNames.pretty(e) + "\"";
  }

  private static AnalysisException error(Condition c, String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return new AnalysisException(c, params);
  }

  static AnalysisException unresolvedColumn(List<String> nameParts, List<String> proposals) {
    if (proposals.isEmpty()) {
      return error(
          Condition.UNRESOLVED_COLUMN_WITHOUT_SUGGESTION, "objectName", toSqlId(nameParts));
    }
    return error(
        Condition.UNRESOLVED_COLUMN_WITH_SUGGESTION,
        "objectName",
        toSqlId(nameParts),
        "proposal",
        String.join(", ", proposals));
  }

  static AnalysisException ambiguousReference(List<String> nameParts, List<String> candidates) {
    return error(
        Condition.AMBIGUOUS_REFERENCE,
        "name",
        toSqlId(nameParts),
        "referenceNames",
        String.join(", ", candidates));
  }

  static AnalysisException ambiguousField(String field, int count) {
    return error(
        Condition.AMBIGUOUS_REFERENCE_TO_FIELDS,
        "field",
        toSqlId(field),
        "count",
        Integer.toString(count));
  }

  static AnalysisException fieldNotFound(String field, List<String> fieldNames) {
    List<String> quoted = new ArrayList<>();
    for (String f : fieldNames) {
      quoted.add(toSqlId(f));
    }
    return error(
        Condition.FIELD_NOT_FOUND,
        "fieldName",
        toSqlId(field),
        "fields",
        String.join(", ", quoted));
  }

  static AnalysisException invalidExtractBase(Expr base, DataType type) {
    return error(
        Condition.INVALID_EXTRACT_BASE_FIELD_TYPE,
        "base",
        toSqlExpr(base),
        "other",
        toSqlType(type));
  }

  static AnalysisException invalidExtractField(Expr extraction) {
    return error(Condition.INVALID_EXTRACT_FIELD_TYPE, "extraction", toSqlExpr(extraction));
  }

  static AnalysisException cannotResolveStar(List<String> target, List<String> columns) {
    return error(
        Condition.CANNOT_RESOLVE_STAR_EXPAND,
        "targetString",
        toSqlId(target),
        "columns",
        "[" + String.join(", ", columns) + "]");
  }

  static AnalysisException starNotStruct(List<String> target, DataType type) {
    return error(
        Condition.INVALID_STAR_EXPAND_TYPE,
        "targetString",
        toSqlId(target),
        "type",
        toSqlType(type));
  }

  static AnalysisException invalidStarUsage(String where) {
    return error(Condition.INVALID_USAGE_OF_STAR, "prettyName", where);
  }

  static AnalysisException binaryOpDiffTypes(Expr op, DataType left, DataType right) {
    return error(
        Condition.BINARY_OP_DIFF_TYPES,
        "sqlExpr",
        toSqlExpr(op),
        "left",
        toSqlType(left),
        "right",
        toSqlType(right));
  }

  static AnalysisException binaryOpWrongType(Expr op, String inputType, DataType actual) {
    return error(
        Condition.BINARY_OP_WRONG_TYPE,
        "sqlExpr",
        toSqlExpr(op),
        "inputType",
        inputType,
        "actualDataType",
        toSqlType(actual));
  }

  static AnalysisException unexpectedInputType(
      Expr call, int paramIndex, String requiredType, Expr input) {
    return error(
        Condition.UNEXPECTED_INPUT_TYPE,
        "sqlExpr",
        toSqlExpr(call),
        "paramIndex",
        ordinal(paramIndex),
        "requiredType",
        requiredType,
        "inputSql",
        toSqlExpr(input),
        "inputType",
        toSqlType(input.dataType()));
  }

  static AnalysisException dataDiffTypes(Expr call, String functionName, List<DataType> types) {
    List<String> quoted = new ArrayList<>();
    for (DataType t : types) {
      quoted.add(toSqlType(t));
    }
    return error(
        Condition.DATA_DIFF_TYPES,
        "sqlExpr",
        toSqlExpr(call),
        "functionName",
        toSqlId(functionName),
        "dataType",
        "[" + String.join(", ", quoted) + "]");
  }

  static AnalysisException filterNotBoolean(Expr filter) {
    return error(
        Condition.FILTER_NOT_BOOLEAN,
        "sqlExpr",
        toSqlExpr(filter),
        "filter",
        toSqlExpr(filter),
        "type",
        toSqlType(filter.dataType()));
  }

  /**
   * An illegal cast. Under ANSI Spark adds a hint: the conversion functions between numbers and
   * datetimes, or the ANSI switch when {@code legalWithAnsiOff}; with ANSI off it gives none.
   */
  static AnalysisException cannotCast(
      Expr cast, DataType from, DataType to, boolean ansi, boolean legalWithAnsiOff) {
    String functions = ansi ? castFunctions(from, to) : null;
    if (functions != null) {
      return error(
          Condition.CAST_WITH_FUNC_SUGGESTION,
          "sqlExpr",
          toSqlExpr(cast),
          "srcType",
          toSqlType(from),
          "targetType",
          toSqlType(to),
          "functionNames",
          functions);
    }
    if (ansi && legalWithAnsiOff) {
      return error(
          Condition.CAST_WITH_CONF_SUGGESTION,
          "sqlExpr",
          toSqlExpr(cast),
          "srcType",
          toSqlType(from),
          "targetType",
          toSqlType(to),
          "config",
          "\"" + TidelineConf.ANSI_ENABLED + "\"",
          "configVal",
          "'false'");
    }
    return error(
        Condition.CAST_WITHOUT_SUGGESTION,
        "sqlExpr",
        toSqlExpr(cast),
        "srcType",
        toSqlType(from),
        "targetType",
        toSqlType(to));
  }

  /** The functions Spark suggests instead of a cast between numbers and datetimes, or null. */
  private static String castFunctions(DataType from, DataType to) {
    if (from.isNumeric() && TypeCoercion.is(to, AtomicType.Kind.TIMESTAMP)) {
      return "`TIMESTAMP_SECONDS`/`TIMESTAMP_MILLIS`/`TIMESTAMP_MICROS`";
    }
    if (TypeCoercion.is(from, AtomicType.Kind.TIMESTAMP) && to.isNumeric()) {
      return "`UNIX_SECONDS`/`UNIX_MILLIS`/`UNIX_MICROS`";
    }
    if (from.isNumeric() && TypeCoercion.is(to, AtomicType.Kind.DATE)) {
      return "`DATE_FROM_UNIX_DATE`";
    }
    if (TypeCoercion.is(from, AtomicType.Kind.DATE) && to.isNumeric()) {
      return "`UNIX_DATE`";
    }
    return null;
  }

  static AnalysisException invalidOrderingType(Expr e, String functionName, DataType type) {
    return error(
        Condition.INVALID_ORDERING_TYPE,
        "sqlExpr",
        toSqlExpr(e),
        "functionName",
        toSqlId(functionName),
        "dataType",
        toSqlType(type));
  }

  static AnalysisException nonFoldableInput(
      Expr call, String inputName, String inputType, Expr input) {
    return error(
        Condition.NON_FOLDABLE_INPUT,
        "sqlExpr",
        toSqlExpr(call),
        "inputName",
        toSqlId(inputName),
        "inputType",
        inputType,
        "inputExpr",
        toSqlExpr(input));
  }

  static AnalysisException namedStructNeedsFoldableNames(Expr call, List<Expr> names) {
    List<String> quoted = new ArrayList<>();
    for (Expr n : names) {
      quoted.add(toSqlExpr(n));
    }
    return error(
        Condition.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING,
        "sqlExpr",
        toSqlExpr(call),
        "inputExprs",
        "[" + String.join(", ", quoted) + "]");
  }

  static AnalysisException unresolvedRoutine(String name, List<String> proposals) {
    return error(
        Condition.UNRESOLVED_ROUTINE,
        "routineName",
        toSqlId(name),
        "proposal",
        String.join(", ", proposals));
  }

  static AnalysisException wrongNumArgs(String name, String expected, int actual) {
    return error(
        Condition.WRONG_NUM_ARGS,
        "functionName",
        toSqlId(name),
        "expectedNum",
        expected,
        "actualNum",
        Integer.toString(actual));
  }

  static AnalysisException unsupportedSyntax(String name, String syntax) {
    return error(
        Condition.FUNCTION_WITH_UNSUPPORTED_SYNTAX, "prettyName", toSqlId(name), "syntax", syntax);
  }

  static AnalysisException nestedAggregate(Expr outer) {
    return error(Condition.NESTED_AGGREGATE_FUNCTION, "expression", toSqlExpr(outer));
  }

  static AnalysisException aggregateInWhere(Expr condition, List<Expr> aggregates) {
    return error(
        Condition.INVALID_WHERE_CONDITION,
        "condition",
        toSqlExpr(condition),
        "expressionList",
        exprList(aggregates));
  }

  static AnalysisException aggregateNotAllowed(List<Expr> aggregates) {
    return error(Condition.UNSUPPORTED_EXPR_FOR_OPERATOR, "invalidExprSqls", exprList(aggregates));
  }

  static AnalysisException invalidExtractDatetimeField(String field, Expr source) {
    return error(
        Condition.INVALID_EXTRACT_FIELD, "field", toSqlId(field), "expr", toSqlExpr(source));
  }

  /**
   * @param sqlExpr the call as Spark prints it, already quoted (a window prints its durations in
   *     microseconds)
   */
  static AnalysisException valueOutOfRange(String sqlExpr, String exprName, long value) {
    return error(
        Condition.VALUE_OUT_OF_RANGE,
        "sqlExpr",
        sqlExpr,
        "exprName",
        toSqlId(exprName),
        "valueRange",
        "(0, " + Long.MAX_VALUE + "]",
        "currentValue",
        value + "L");
  }

  static AnalysisException parameterConstraintViolation(
      String sqlExpr,
      String left,
      long leftValue,
      String constraint,
      String right,
      long rightValue) {
    return error(
        Condition.PARAMETER_CONSTRAINT_VIOLATION,
        "sqlExpr",
        sqlExpr,
        "leftExprName",
        toSqlId(left),
        "leftExprValue",
        leftValue + "L",
        "constraint",
        constraint,
        "rightExprName",
        toSqlId(right),
        "rightExprValue",
        rightValue + "L");
  }

  static AnalysisException invalidWindowDurationLiteral(Expr call) {
    return error(Condition.WINDOW_DURATION_NOT_LITERAL, "sqlExpr", toSqlExpr(call));
  }

  static AnalysisException intervalWithMonths(String interval) {
    return error(Condition.INTERVAL_WITH_MONTHS, "interval", interval);
  }

  static AnalysisException sessionGapType(DataType type) {
    return error(Condition.SESSION_GAP_TYPE, "dt", toSqlType(type));
  }

  static AnalysisException multipleTimeWindows(List<Expr> windows, String operator) {
    return error(
        Condition.MULTIPLE_TIME_WINDOWS, "windows", exprList(windows), "operator", operator);
  }

  static AnalysisException timeWindowNotAllowed(List<Expr> windows, String operator) {
    return error(
        Condition.TIME_WINDOW_NOT_ALLOWED,
        "invalidExprSqls",
        exprList(windows),
        "operator",
        operator);
  }

  static AnalysisException invalidDuration(Expr call, String input) {
    return error(
        Condition.INVALID_INTERVAL_FORMAT, "input", "'" + input + "'", "sqlExpr", toSqlExpr(call));
  }

  static AnalysisException invalidSchema(String schema, String reason) {
    return error(Condition.INVALID_SCHEMA, "inputSchema", "\"" + schema + "\"", "reason", reason);
  }

  static AnalysisException nonStructJsonSchema(String schema, DataType type) {
    return error(
        Condition.NON_STRUCT_JSON_SCHEMA,
        "inputSchema",
        "\"" + schema + "\"",
        "dataType",
        "\"" + type.sql() + "\"");
  }

  static AnalysisException invalidOptions(String functionName, String reason) {
    return error(
        Condition.INVALID_OPTIONS, "functionName", toSqlId(functionName), "reason", reason);
  }

  private static String exprList(List<Expr> exprs) {
    List<String> s = new ArrayList<>();
    for (Expr e : exprs) {
      s.add(toSqlExpr(e));
    }
    return String.join(", ", s);
  }

  /** Spark's {@code ordinalNumber}: "first", "second", ... for parameter positions. */
  static String ordinal(int index) {
    return switch (index) {
      case 0 -> "first";
      case 1 -> "second";
      case 2 -> "third";
      default -> (index + 1) + "th";
    };
  }
}
