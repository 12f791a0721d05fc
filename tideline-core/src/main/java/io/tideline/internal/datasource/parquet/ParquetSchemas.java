package io.tideline.internal.datasource.parquet;

import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Conversions between Parquet schemas and Spark types, as Spark's {@code
 * ParquetToSparkSchemaConverter} and {@code SparkToParquetSchemaConverter} (standard, non-legacy
 * layout) do them.
 *
 * <p>Reading: INT32 is INT (TINYINT/SMALLINT with INT(8)/INT(16), DATE, DECIMAL); INT64 is BIGINT,
 * TIMESTAMP (MICROS or MILLIS) or DECIMAL; INT96 is TIMESTAMP; BINARY is STRING when annotated
 * STRING/ENUM/JSON, DECIMAL, else BINARY; FIXED_LEN_BYTE_ARRAY is DECIMAL or BINARY; groups are
 * STRUCT, LIST (standard 3-level and the legacy 2-level forms) and MAP; a bare repeated field is a
 * non-null ARRAY. Writing: DECIMAL goes to INT32 up to precision 9, INT64 up to 18, else a
 * FIXED_LEN_BYTE_ARRAY of the minimum width; TIMESTAMP to INT64 TIMESTAMP(MICROS, UTC); nullable
 * fields are optional.
 */
final class ParquetSchemas {
  private ParquetSchemas() {}

  static StructType toSpark(MessageType message, Path file) {
    return struct(message, file);
  }

  private static StructType struct(GroupType group, Path file) {
    List<StructField> fields = new ArrayList<>(group.getFieldCount());
    for (Type t : group.getFields()) {
      DataType type = field(t, file);
      if (t.isRepetition(Repetition.REPEATED)) {
        fields.add(new StructField(t.getName(), DataTypes.createArrayType(type, false), false));
      } else {
        fields.add(new StructField(t.getName(), type, t.isRepetition(Repetition.OPTIONAL)));
      }
    }
    return new StructType(fields);
  }

  /** The Spark type of one field, ignoring its own repetition. */
  static DataType field(Type t, Path file) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType(), file);
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      Type element = listElement(g);
      return DataTypes.createArrayType(
          field(element, file),
          !element.isRepetition(Repetition.REQUIRED) && !element.isRepetition(Repetition.REPEATED));
    }
    if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      GroupType kv = g.getType(0).asGroupType();
      Type key = kv.getType(0);
      Type value = kv.getFieldCount() > 1 ? kv.getType(1) : null;
      DataType valueType = value == null ? DataTypes.NullType : field(value, file);
      return DataTypes.createMapType(
          field(key, file), valueType, value == null || value.isRepetition(Repetition.OPTIONAL));
    }
    return struct(g, file);
  }

  /**
   * The element of a LIST group by Parquet's backward-compatibility rules: the repeated field
   * itself when it is primitive, has several fields, or is named {@code array} or {@code
   * <list>_tuple}; otherwise (the standard 3-level form) its only field.
   */
  static Type listElement(GroupType list) {
    Type repeated = list.getType(0);
    if (repeated.isPrimitive()) {
      return repeated;
    }
    GroupType rg = repeated.asGroupType();
    if (rg.getFieldCount() > 1
        || rg.getName().equals("array")
        || rg.getName().equals(list.getName() + "_tuple")) {
      return repeated;
    }
    return rg.getType(0);
  }

  /** True when the element of a LIST group is the repeated field itself (the 2-level form). */
  static boolean isTwoLevelList(GroupType list) {
    return listElement(list) == list.getType(0);
  }

  private static DataType primitive(PrimitiveType p, Path file) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    PrimitiveTypeName name = p.getPrimitiveTypeName();
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      return DataTypes.createDecimalType(d.getPrecision(), d.getScale());
    }
    switch (name) {
      case BOOLEAN:
        return DataTypes.BooleanType;
      case INT32:
        if (a == null) {
          return DataTypes.IntegerType;
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return DataTypes.DateType;
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          if (i.isSigned()) {
            return switch (i.getBitWidth()) {
              case 8 -> DataTypes.ByteType;
              case 16 -> DataTypes.ShortType;
              default -> DataTypes.IntegerType;
            };
          }
          return switch (i.getBitWidth()) {
            case 8 -> DataTypes.ShortType;
            case 16 -> DataTypes.IntegerType;
            default -> DataTypes.LongType;
          };
        }
        break;
      case INT64:
        if (a == null) {
          return DataTypes.LongType;
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          return i.isSigned() ? DataTypes.LongType : DataTypes.createDecimalType(20, 0);
        }
        if (a instanceof TimestampLogicalTypeAnnotation ts && ts.getUnit() != TimeUnit.NANOS) {
          return DataTypes.TimestampType;
        }
        break;
      case INT96:
        return DataTypes.TimestampType;
      case FLOAT:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BINARY:
        if (a == null) {
          return DataTypes.BinaryType;
        }
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return DataTypes.StringType;
        }
        if (a instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
          return DataTypes.BinaryType;
        }
        break;
      case FIXED_LEN_BYTE_ARRAY:
        if (a == null) {
          return DataTypes.BinaryType;
        }
        break;
      default:
        break;
    }
    throw FileErrors.parquetTypeNotSupported(file, p.getName(), p.toString());
  }

  /** The Parquet schema Spark writes for {@code schema}. */
  static MessageType toParquet(StructType schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : schema) {
      b.addField(type(f.name(), f.dataType(), f.nullable()));
    }
    return b.named("spark_schema");
  }

  private static Type type(String name, DataType t, boolean nullable) {
    Repetition rep = nullable ? Repetition.OPTIONAL : Repetition.REQUIRED;
    if (t instanceof DecimalType d) {
      DecimalLogicalTypeAnnotation ann =
          LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
      if (d.precision() <= 9) {
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(ann).named(name);
      }
      if (d.precision() <= 18) {
        return Types.primitive(PrimitiveTypeName.INT64, rep).as(ann).named(name);
      }
      return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
          .length(minBytesForPrecision(d.precision()))
          .as(ann)
          .named(name);
    }
    if (t instanceof StructType s) {
      Types.GroupBuilder<GroupType> g = Types.buildGroup(rep);
      for (StructField f : s) {
        g.addField(type(f.name(), f.dataType(), f.nullable()));
      }
      return g.named(name);
    }
    if (t instanceof ArrayType a) {
      return Types.buildGroup(rep)
          .as(LogicalTypeAnnotation.listType())
          .addField(
              Types.repeatedGroup()
                  .addField(type("element", a.elementType(), a.containsNull()))
                  .named("list"))
          .named(name);
    }
    if (t instanceof MapType m) {
      return Types.buildGroup(rep)
          .as(LogicalTypeAnnotation.mapType())
          .addField(
              Types.repeatedGroup()
                  .addField(type("key", m.keyType(), false))
                  .addField(type("value", m.valueType(), m.valueContainsNull()))
                  .named("key_value"))
          .named(name);
    }
    AtomicType at = (AtomicType) t;
    return switch (at.kind()) {
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
      case BYTE ->
          Types.primitive(PrimitiveTypeName.INT32, rep)
              .as(LogicalTypeAnnotation.intType(8, true))
              .named(name);
      case SHORT ->
          Types.primitive(PrimitiveTypeName.INT32, rep)
              .as(LogicalTypeAnnotation.intType(16, true))
              .named(name);
      case INT -> Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
      case LONG -> Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
      case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
      case STRING ->
          Types.primitive(PrimitiveTypeName.BINARY, rep)
              .as(LogicalTypeAnnotation.stringType())
              .named(name);
      case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
      case DATE ->
          Types.primitive(PrimitiveTypeName.INT32, rep)
              .as(LogicalTypeAnnotation.dateType())
              .named(name);
      case TIMESTAMP ->
          Types.primitive(PrimitiveTypeName.INT64, rep)
              .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
              .named(name);
      default -> throw FileErrors.unsupportedType("parquet", name, t.sql());
    };
  }

  /** The fewest bytes whose two's complement holds every unscaled value of the precision. */
  static int minBytesForPrecision(int precision) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
      bytes++;
    }
    return bytes;
  }

  /**
   * Merges two schemas as Spark's {@code mergeSchema} does: fields by name in first-seen order,
   * nested structs merged, a field missing from one side kept (nullable), and int/long or decimal
   * conflicts refused.
   */
  static StructType merge(StructType left, StructType right, Path rightFile) {
    List<StructField> out = new ArrayList<>();
    for (StructField l : left) {
      int i = right.indexOf(l.name());
      if (i < 0) {
        out.add(l.withNullable(true));
        continue;
      }
      StructField r = right.field(i);
      out.add(
          new StructField(
              l.name(),
              mergeType(l.name(), l.dataType(), r.dataType(), rightFile),
              l.nullable() || r.nullable()));
    }
    for (StructField r : right) {
      if (left.indexOf(r.name()) < 0) {
        out.add(r.withNullable(true));
      }
    }
    return new StructType(out);
  }

  private static DataType mergeType(String name, DataType l, DataType r, Path rightFile) {
    if (l.equals(r)) {
      return l;
    }
    if (l instanceof StructType ls && r instanceof StructType rs) {
      return merge(ls, rs, rightFile);
    }
    if (l instanceof ArrayType la && r instanceof ArrayType ra) {
      return DataTypes.createArrayType(
          mergeType(name, la.elementType(), ra.elementType(), rightFile),
          la.containsNull() || ra.containsNull());
    }
    if (l instanceof MapType lm && r instanceof MapType rm) {
      return DataTypes.createMapType(
          mergeType(name, lm.keyType(), rm.keyType(), rightFile),
          mergeType(name, lm.valueType(), rm.valueType(), rightFile),
          lm.valueContainsNull() || rm.valueContainsNull());
    }
    throw FileErrors.cannotMergeSchemas("parquet", name, l.sql(), r.sql(), rightFile);
  }
}
