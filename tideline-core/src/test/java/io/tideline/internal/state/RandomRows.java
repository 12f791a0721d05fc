package io.tideline.internal.state;

import io.tideline.Row;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random schemas and rows of every Tideline type, for the row codec's properties. */
final class RandomRows {
  private static final DataType[] ATOMIC = {
    DataTypes.NullType,
    DataTypes.BooleanType,
    DataTypes.ByteType,
    DataTypes.ShortType,
    DataTypes.IntegerType,
    DataTypes.LongType,
    DataTypes.FloatType,
    DataTypes.DoubleType,
    DataTypes.StringType,
    DataTypes.BinaryType,
    DataTypes.DateType,
    DataTypes.TimestampType,
    DataTypes.DayTimeIntervalType,
    DataTypes.YearMonthIntervalType
  };

  private final Random random;

  RandomRows(long seed) {
    this.random = new Random(seed);
  }

  StructType schema(int depth) {
    int n = 1 + random.nextInt(6);
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fields.add(new StructField("f" + i, type(depth), true));
    }
    return new StructType(fields);
  }

  DataType type(int depth) {
    int pick = random.nextInt(depth > 0 ? 20 : 16);
    if (pick < ATOMIC.length) {
      return ATOMIC[pick];
    }
    return switch (pick) {
      case 14 -> {
        int p = 1 + random.nextInt(18);
        yield DataTypes.createDecimalType(p, random.nextInt(Math.min(p, 3) + 1));
      }
      case 15 -> DataTypes.createDecimalType(19 + random.nextInt(19), random.nextInt(6));
      case 16 -> schema(depth - 1);
      case 17 -> DataTypes.createArrayType(type(depth - 1));
      case 18 -> DataTypes.createMapType(DataTypes.StringType, type(depth - 1));
      default -> DataTypes.createArrayType(DataTypes.DoubleType);
    };
  }

  Row row(StructType schema) {
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(6) == 0 ? null : value(schema.field(i).dataType());
    }
    return Row.of(values);
  }

  Object value(DataType type) {
    if (type instanceof AtomicType a) {
      return switch (a.kind()) {
        case NULL -> null;
        case BOOLEAN -> random.nextBoolean();
        case BYTE -> (byte) random.nextInt();
        case SHORT -> (short) random.nextInt();
        case INT -> random.nextInt();
        case LONG, TIMESTAMP, DAY_TIME_INTERVAL -> random.nextLong();
        case FLOAT -> floatValue();
        case DOUBLE -> doubleValue();
        case STRING -> string();
        case BINARY -> bytes();
        case DATE -> LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000);
        case YEAR_MONTH_INTERVAL -> random.nextInt(10_000) - 5_000;
      };
    }
    if (type instanceof DecimalType d) {
      BigInteger unscaled = new BigInteger(d.precision() * 3, random);
      BigInteger limit = BigInteger.TEN.pow(d.precision());
      unscaled = unscaled.mod(limit);
      return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), d.scale());
    }
    if (type instanceof StructType s) {
      return row(s);
    }
    if (type instanceof ArrayType a) {
      List<Object> list = new ArrayList<>();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        list.add(random.nextInt(5) == 0 ? null : value(a.elementType()));
      }
      return list;
    }
    MapType m = (MapType) type;
    Map<Object, Object> map = new LinkedHashMap<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      map.put("k" + random.nextInt(10), random.nextInt(5) == 0 ? null : value(m.valueType()));
    }
    return map;
  }

  private float floatValue() {
    return switch (random.nextInt(6)) {
      case 0 -> -0.0f;
      case 1 -> Float.intBitsToFloat(0x7fc00000 | random.nextInt(0x3fffff) | 1);
      case 2 -> Float.NEGATIVE_INFINITY;
      default -> random.nextFloat() * 1000 - 500;
    };
  }

  private double doubleValue() {
    return switch (random.nextInt(6)) {
      case 0 -> -0.0d;
      case 1 -> Double.longBitsToDouble(0x7ff8000000000000L | (random.nextLong() >>> 14) | 1);
      case 2 -> Double.POSITIVE_INFINITY;
      default -> random.nextGaussian() * 1e6;
    };
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(
          random.nextInt(4) == 0
              ? (char) ('\u00e0' + random.nextInt(40))
              : (char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  private byte[] bytes() {
    byte[] b = new byte[random.nextInt(6)];
    random.nextBytes(b);
    return b;
  }

  /** Columns of {@code schema} holding {@code rows} from physical row 0. */
  static ColumnVector[] columns(StructType schema, List<Row> rows) {
    ColumnVector[] columns = new ColumnVector[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = ColumnVector.allocate(schema.field(i).dataType(), Math.max(rows.size(), 1));
      for (int r = 0; r < rows.size(); r++) {
        columns[i].setObject(r, rows.get(r).get(i));
      }
    }
    return columns;
  }

  static ColumnVector[] emptyColumns(StructType schema, int capacity) {
    ColumnVector[] columns = new ColumnVector[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = ColumnVector.allocate(schema.field(i).dataType(), capacity);
    }
    return columns;
  }

  /** Row {@code row} as plain comparable values: byte arrays as hex, rows and maps as lists. */
  static List<Object> canonical(ColumnVector[] columns, int row) {
    List<Object> out = new ArrayList<>();
    for (ColumnVector c : columns) {
      out.add(canonical(c.getObject(row)));
    }
    return out;
  }

  static Object canonical(Object v) {
    if (v instanceof byte[] b) {
      return "0x" + HexFormat.of().formatHex(b);
    }
    if (v instanceof Row r) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        out.add(canonical(r.get(i)));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(canonical(o));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      List<Object> out = new ArrayList<>();
      m.forEach((k, x) -> out.add(List.of("entry", canonical(k), String.valueOf(canonical(x)))));
      return out;
    }
    return v;
  }
}
