package io.tideline.internal.json;

import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds and reads vectors for the JSON tests. */
final class JsonTestSupport {
  private JsonTestSupport() {}

  /**
   * A STRING vector of {@code values} (null entries are null rows), stored after a prefix of junk
   * bytes so that code relying on row offsets starting at 0 fails.
   */
  static BytesVector strings(String... values) {
    BytesVector v = new BytesVector(DataTypes.StringType, Math.max(values.length, 1));
    v.append(0, "#junk#".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        v.setNull(i);
      } else {
        v.append(i, values[i].getBytes(StandardCharsets.UTF_8));
      }
    }
    return v;
  }

  /**
   * Parses the small DDL subset the JSON tests use ({@code a INT, b STRUCT<x: ARRAY<STRING>>, m
   * MAP<STRING, DECIMAL(10,2)>}), because the shared DDL parser belongs to another part.
   */
  static StructType schema(String ddl) {
    Ddl p = new Ddl(ddl);
    StructType t = p.fields(false);
    p.expectEnd();
    return t;
  }

  private static final class Ddl {
    private final String s;
    private int pos;

    Ddl(String s) {
      this.s = s;
    }

    StructType fields(boolean colon) {
      List<StructField> fields = new ArrayList<>();
      do {
        String name = word();
        if (colon) {
          skip(':');
        }
        fields.add(new StructField(name, type(), true));
      } while (tryChar(','));
      return new StructType(fields);
    }

    DataType type() {
      String w = word().toUpperCase(java.util.Locale.ROOT);
      switch (w) {
        case "STRUCT":
          skip('<');
          StructType st = fields(true);
          skip('>');
          return st;
        case "ARRAY":
          skip('<');
          DataType e = type();
          skip('>');
          return DataTypes.createArrayType(e, true);
        case "MAP":
          skip('<');
          DataType k = type();
          skip(',');
          DataType v = type();
          skip('>');
          return DataTypes.createMapType(k, v, true);
        case "DECIMAL":
          skip('(');
          int p = Integer.parseInt(word());
          skip(',');
          int sc = Integer.parseInt(word());
          skip(')');
          return DataTypes.createDecimalType(p, sc);
        default:
          return switch (w) {
            case "STRING" -> DataTypes.StringType;
            case "INT" -> DataTypes.IntegerType;
            case "BIGINT" -> DataTypes.LongType;
            case "TINYINT" -> DataTypes.ByteType;
            case "SMALLINT" -> DataTypes.ShortType;
            case "DOUBLE" -> DataTypes.DoubleType;
            case "FLOAT" -> DataTypes.FloatType;
            case "BOOLEAN" -> DataTypes.BooleanType;
            case "BINARY" -> DataTypes.BinaryType;
            case "DATE" -> DataTypes.DateType;
            case "TIMESTAMP" -> DataTypes.TimestampType;
            case "VOID" -> DataTypes.NullType;
            default -> throw new IllegalArgumentException("type " + w + " at " + pos);
          };
      }
    }

    String word() {
      ws();
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("name expected at " + pos + " in " + s);
      }
      return s.substring(start, pos);
    }

    boolean tryChar(char c) {
      ws();
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    void skip(char c) {
      if (!tryChar(c)) {
        throw new IllegalArgumentException("'" + c + "' expected at " + pos + " in " + s);
      }
    }

    void ws() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    void expectEnd() {
      ws();
      if (pos != s.length()) {
        throw new IllegalArgumentException("end expected at " + pos + " in " + s);
      }
    }
  }

  static List<Object> objects(ColumnVector v, int count) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(v.getObject(i));
    }
    return out;
  }
}
