package io.tideline.internal.sql;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grammar of Spark SQL data types and DDL schemas: {@code BIGINT}, {@code DECIMAL(10, 2)},
 * {@code ARRAY<STRING>}, {@code MAP<STRING, INT>}, {@code STRUCT<a: INT, b STRING NOT NULL>} and
 * {@code a INT NOT NULL COMMENT 'x', b STRING}.
 */
class TypeParser extends TokenCursor {

  TypeParser(String text) {
    super(text);
  }

  /** A table schema, or a {@code STRUCT<...>} type; blank text is the empty schema. */
  StructType schema() {
    if (at(SqlLexer.EOF)) {
      return new StructType();
    }
    if (atWord("STRUCT") && (kind(1) == SqlLexer.LT || kind(1) == SqlLexer.NEQ)) {
      long start = mark();
      DataType t = dataType();
      if (at(SqlLexer.EOF)) {
        return (StructType) t;
      }
      reset(start);
    }
    List<StructField> fields = new ArrayList<>();
    do {
      fields.add(field(SqlLexer.EOF));
    } while (accept(SqlLexer.COMMA));
    expectEnd();
    return new StructType(fields);
  }

  /** One field: {@code name [:] type [NOT NULL] [COMMENT 'text']}. */
  private StructField field(int closer) {
    String name = identifier("a field name");
    accept(SqlLexer.COLON);
    DataType type = dataType();
    boolean nullable = true;
    if (atWord("NOT") && atWord(1, "NULL")) {
      pos += 2;
      nullable = false;
    }
    String comment = null;
    if (acceptWord("COMMENT")) {
      if (!at(SqlLexer.STRING)) {
        throw error("a string literal after COMMENT");
      }
      comment = Literals.unescape(lx, pos++);
    }
    if (!at(SqlLexer.COMMA) && !(closer == SqlLexer.GT ? atCloseAngle() : at(closer))) {
      throw error(closer == SqlLexer.GT ? "',' or '>'" : "',', NOT NULL, COMMENT or end of input");
    }
    return new StructField(name, type, nullable, comment);
  }

  /** A data type, Spark's names and aliases, case-insensitively. */
  DataType dataType() {
    if (!at(SqlLexer.IDENT)) {
      throw error("a data type");
    }
    int start = pos;
    String name = lx.tokenText(pos++).toUpperCase(Locale.ROOT);
    switch (name) {
      case "BOOLEAN":
        return DataTypes.BooleanType;
      case "TINYINT":
      case "BYTE":
        return DataTypes.ByteType;
      case "SMALLINT":
      case "SHORT":
        return DataTypes.ShortType;
      case "INT":
      case "INTEGER":
        return DataTypes.IntegerType;
      case "BIGINT":
      case "LONG":
        return DataTypes.LongType;
      case "FLOAT":
      case "REAL":
        return DataTypes.FloatType;
      case "DOUBLE":
        return DataTypes.DoubleType;
      case "DATE":
        return DataTypes.DateType;
      case "TIMESTAMP":
      case "TIMESTAMP_LTZ":
        return DataTypes.TimestampType;
      case "STRING":
        return DataTypes.StringType;
      case "BINARY":
        return DataTypes.BinaryType;
      case "VOID":
        return DataTypes.NullType;
      case "CHAR":
      case "CHARACTER":
      case "VARCHAR":
        return charType(start, name);
      case "DECIMAL":
      case "DEC":
      case "NUMERIC":
        return decimalType();
      case "INTERVAL":
        return intervalType(start);
      case "ARRAY":
        return arrayType(start);
      case "MAP":
        return mapType(start);
      case "STRUCT":
        return structType(start);
      case "TIMESTAMP_NTZ":
        throw ParseErrors.unsupportedDataType(
            lx.span(start), name, "Tideline has no TIMESTAMP_NTZ type yet; use TIMESTAMP.");
      default:
        throw ParseErrors.unsupportedDataType(lx.span(start), name, null);
    }
  }

  // Tideline has no CHAR/VARCHAR semantics (padding, length checks): like Spark when reading, they
  // are plain strings.
  private DataType charType(int start, String name) {
    if (!accept(SqlLexer.LPAREN)) {
      throw ParseErrors.missingSize(lx.span(start), name);
    }
    positiveInt("a length");
    expect(SqlLexer.RPAREN, "')'");
    return DataTypes.StringType;
  }

  private DataType decimalType() {
    if (!accept(SqlLexer.LPAREN)) {
      return DecimalType.USER_DEFAULT;
    }
    int pStart = pos;
    int precision = positiveInt("a precision");
    int scale = 0;
    int sStart = pos;
    if (accept(SqlLexer.COMMA)) {
      sStart = pos;
      scale = nonNegativeInt("a scale");
    }
    expect(SqlLexer.RPAREN, "')'");
    if (precision > DecimalType.MAX_PRECISION) {
      throw ParseErrors.decimalPrecision(lx.span(pStart), precision);
    }
    if (precision < 1 || scale > precision) {
      throw ParseErrors.decimalScale(lx.span(sStart), precision, scale);
    }
    return DataTypes.createDecimalType(precision, scale);
  }

  private int positiveInt(String what) {
    return nonNegativeInt(what);
  }

  private int nonNegativeInt(String what) {
    if (!at(SqlLexer.INTEGER)) {
      throw error(what);
    }
    String digits = lx.tokenText(pos);
    if (digits.length() > 9) {
      throw error(what + " that fits an INT");
    }
    pos++;
    return Integer.parseInt(digits);
  }

  private DataType intervalType(int start) {
    IntervalUnit from = IntervalUnit.fieldAt(lx, pos);
    if (from == null) {
      throw ParseErrors.unsupportedDataType(
          lx.span(start),
          "INTERVAL",
          "Calendar intervals are not supported; use INTERVAL DAY TO SECOND or INTERVAL YEAR TO"
              + " MONTH.");
    }
    pos++;
    IntervalUnit to = from;
    if (acceptWord("TO")) {
      to = IntervalUnit.fieldAt(lx, pos);
      if (to == null || to.ordinal() <= from.ordinal() || to.yearMonth() != from.yearMonth()) {
        throw error("an interval field after " + from + " TO");
      }
      pos++;
    }
    return from.yearMonth() ? DataTypes.YearMonthIntervalType : DataTypes.DayTimeIntervalType;
  }

  private DataType arrayType(int start) {
    if (!accept(SqlLexer.LT)) {
      throw ParseErrors.incompleteType(lx.span(start), "ARRAY");
    }
    DataType element = dataType();
    closeAngle();
    return DataTypes.createArrayType(element);
  }

  private DataType mapType(int start) {
    if (!accept(SqlLexer.LT)) {
      throw ParseErrors.incompleteType(lx.span(start), "MAP");
    }
    DataType key = dataType();
    expect(SqlLexer.COMMA, "','");
    DataType value = dataType();
    closeAngle();
    return DataTypes.createMapType(key, value);
  }

  private DataType structType(int start) {
    // The lexer reads the "<>" of an empty struct as the not-equal operator.
    if (accept(SqlLexer.NEQ)) {
      return new StructType();
    }
    if (!accept(SqlLexer.LT)) {
      throw ParseErrors.incompleteType(lx.span(start), "STRUCT");
    }
    List<StructField> fields = new ArrayList<>();
    if (atCloseAngle()) {
      closeAngle();
    } else {
      do {
        fields.add(field(SqlLexer.GT));
      } while (accept(SqlLexer.COMMA));
      closeAngle();
    }
    return new StructType(fields);
  }

  private boolean atCloseAngle() {
    int k = kind();
    return k == SqlLexer.GT
        || k == SqlLexer.SHIFT_RIGHT
        || k == SqlLexer.SHIFT_RIGHT_UNSIGNED
        || k == SqlLexer.GTE;
  }

  /** Consumes one {@code >}, which may be the first character of a longer token. */
  private void closeAngle() {
    if (accept(SqlLexer.GT)) {
      return;
    }
    if (!atCloseAngle()) {
      throw error("'>'");
    }
    lx.splitLeadingGreaterThan(pos);
  }
}
