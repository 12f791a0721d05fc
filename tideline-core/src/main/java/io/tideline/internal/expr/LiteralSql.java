package io.tideline.internal.expr;

import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;

/** Prints literals as Spark SQL text that the parser reads back to the same literal. */
final class LiteralSql {
  private LiteralSql() {}

  static String print(Literal l) {
    Object v = l.value();
    DataType t = l.dataType();
    if (v == null) {
      return t instanceof AtomicType a && a.kind() == AtomicType.Kind.NULL
          ? "NULL"
          : "CAST(NULL AS " + t.sql() + ")";
    }
    if (t instanceof DecimalType) {
      return ((BigDecimal) v).toPlainString() + "BD";
    }
    if (t instanceof AtomicType a) {
      return switch (a.kind()) {
        case BOOLEAN -> v.toString().toUpperCase(java.util.Locale.ROOT);
        case BYTE -> v + "Y";
        case SHORT -> v + "S";
        case INT -> v.toString();
        case LONG -> v + "L";
        case FLOAT -> v + "F";
        case DOUBLE -> v + "D";
        case STRING -> quote((String) v);
        default -> "CAST(" + quote(String.valueOf(v)) + " AS " + t.sql() + ")";
      };
    }
    return "CAST(" + quote(String.valueOf(v)) + " AS " + t.sql() + ")";
  }

  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
