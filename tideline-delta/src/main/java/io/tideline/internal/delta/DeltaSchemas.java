package io.tideline.internal.delta;

import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts schemas between Tideline and Delta Kernel, and applies Delta's schema enforcement to a
 * write: every column of the data must be a column of the table with the same type; columns of the
 * table the data lacks are written as nulls; {@code mergeSchema} adds the data's new top-level
 * columns to the table.
 */
final class DeltaSchemas {
  private DeltaSchemas() {}

  /**
   * The Kernel schema of {@code schema} with every field nullable, as Delta creates a table from a
   * query (its {@code asNullable}); refuses types Delta cannot store.
   */
  static io.delta.kernel.types.StructType toKernel(StructType schema, String path) {
    io.delta.kernel.types.StructType out = new io.delta.kernel.types.StructType();
    for (StructField f : schema.fields()) {
      out = out.add(f.name(), toKernel(f.dataType(), f.name(), path), true);
    }
    return out;
  }

  private static io.delta.kernel.types.DataType toKernel(
      DataType type, String column, String path) {
    if (type instanceof AtomicType a) {
      return switch (a.kind()) {
        case BOOLEAN -> io.delta.kernel.types.BooleanType.BOOLEAN;
        case BYTE -> io.delta.kernel.types.ByteType.BYTE;
        case SHORT -> io.delta.kernel.types.ShortType.SHORT;
        case INT -> io.delta.kernel.types.IntegerType.INTEGER;
        case LONG -> io.delta.kernel.types.LongType.LONG;
        case FLOAT -> io.delta.kernel.types.FloatType.FLOAT;
        case DOUBLE -> io.delta.kernel.types.DoubleType.DOUBLE;
        case STRING -> io.delta.kernel.types.StringType.STRING;
        case BINARY -> io.delta.kernel.types.BinaryType.BINARY;
        case DATE -> io.delta.kernel.types.DateType.DATE;
        case TIMESTAMP -> io.delta.kernel.types.TimestampType.TIMESTAMP;
        default -> throw DeltaErrors.unsupportedType(path, column, type.simpleString());
      };
    }
    if (type instanceof DecimalType d) {
      return new io.delta.kernel.types.DecimalType(d.precision(), d.scale());
    }
    if (type instanceof ArrayType a) {
      return new io.delta.kernel.types.ArrayType(
          toKernel(a.elementType(), column, path), a.containsNull());
    }
    if (type instanceof MapType m) {
      return new io.delta.kernel.types.MapType(
          toKernel(m.keyType(), column, path),
          toKernel(m.valueType(), column, path),
          m.valueContainsNull());
    }
    if (type instanceof StructType s) {
      io.delta.kernel.types.StructType out = new io.delta.kernel.types.StructType();
      for (StructField f : s.fields()) {
        out =
            out.add(f.name(), toKernel(f.dataType(), column + "." + f.name(), path), f.nullable());
      }
      return out;
    }
    throw DeltaErrors.unsupportedType(path, column, type.simpleString());
  }

  /** The Tideline schema of a table's Kernel schema. */
  static StructType fromKernel(io.delta.kernel.types.StructType schema, String path) {
    List<StructField> fields = new ArrayList<>();
    for (io.delta.kernel.types.StructField f : schema.fields()) {
      fields.add(
          new StructField(
              f.getName(), fromKernel(f.getDataType(), f.getName(), path), f.isNullable()));
    }
    return new StructType(fields);
  }

  private static DataType fromKernel(
      io.delta.kernel.types.DataType type, String column, String path) {
    if (type instanceof io.delta.kernel.types.BooleanType) {
      return DataTypes.BooleanType;
    } else if (type instanceof io.delta.kernel.types.ByteType) {
      return DataTypes.ByteType;
    } else if (type instanceof io.delta.kernel.types.ShortType) {
      return DataTypes.ShortType;
    } else if (type instanceof io.delta.kernel.types.IntegerType) {
      return DataTypes.IntegerType;
    } else if (type instanceof io.delta.kernel.types.LongType) {
      return DataTypes.LongType;
    } else if (type instanceof io.delta.kernel.types.FloatType) {
      return DataTypes.FloatType;
    } else if (type instanceof io.delta.kernel.types.DoubleType) {
      return DataTypes.DoubleType;
    } else if (type instanceof io.delta.kernel.types.StringType) {
      return DataTypes.StringType;
    } else if (type instanceof io.delta.kernel.types.BinaryType) {
      return DataTypes.BinaryType;
    } else if (type instanceof io.delta.kernel.types.DateType) {
      return DataTypes.DateType;
    } else if (type instanceof io.delta.kernel.types.TimestampType) {
      return DataTypes.TimestampType;
    } else if (type instanceof io.delta.kernel.types.DecimalType d) {
      return DataTypes.createDecimalType(d.getPrecision(), d.getScale());
    } else if (type instanceof io.delta.kernel.types.ArrayType a) {
      return DataTypes.createArrayType(
          fromKernel(a.getElementType(), column, path), a.containsNull());
    } else if (type instanceof io.delta.kernel.types.MapType m) {
      return DataTypes.createMapType(
          fromKernel(m.getKeyType(), column, path),
          fromKernel(m.getValueType(), column, path),
          m.isValueContainsNull());
    } else if (type instanceof io.delta.kernel.types.StructType s) {
      List<StructField> fields = new ArrayList<>();
      for (io.delta.kernel.types.StructField f : s.fields()) {
        fields.add(
            new StructField(
                f.getName(),
                fromKernel(f.getDataType(), column + "." + f.getName(), path),
                f.isNullable()));
      }
      return new StructType(fields);
    }
    throw DeltaErrors.unsupportedFeature(
        path,
        "the column type " + type + " (column " + column + ")",
        "Read the table with Apache Spark, or cast the column there.");
  }

  /**
   * The table schema after writing {@code data} into a table of schema {@code table}: {@code table}
   * itself when the data fits, {@code table} plus the data's new columns (nullable, at the end)
   * when {@code mergeSchema} allows it; otherwise {@code DELTA_METADATA_MISMATCH} naming the
   * columns and types.
   */
  static StructType enforce(
      StructType table, StructType data, boolean mergeSchema, String path, String where) {
    List<StructField> added = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (StructField d : data.fields()) {
      Optional<StructField> t = find(table, d.name());
      if (t.isEmpty()) {
        if (mergeSchema) {
          added.add(new StructField(d.name(), d.dataType(), true));
        } else {
          problems.add(
              "The column "
                  + d.name()
                  + " ("
                  + d.dataType().simpleString()
                  + ") of the data is not in the table.");
        }
      } else if (!sameType(t.get().dataType(), d.dataType())) {
        problems.add(
            "The column "
                + d.name()
                + " is "
                + d.dataType().simpleString()
                + " in the data and "
                + t.get().dataType().simpleString()
                + " in the table.");
      }
    }
    if (!problems.isEmpty()) {
      throw DeltaErrors.schemaMismatch(
          path, where, String.join(" ", problems), table.treeString(), data.treeString());
    }
    if (added.isEmpty()) {
      return table;
    }
    List<StructField> merged = new ArrayList<>(table.fields());
    merged.addAll(added);
    return new StructType(merged);
  }

  /** The field of {@code schema} named {@code name}, ignoring case as Delta does. */
  static Optional<StructField> find(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Types equal up to nullability and the case of nested field names. */
  static boolean sameType(DataType a, DataType b) {
    if (a instanceof StructType sa && b instanceof StructType sb) {
      if (sa.size() != sb.size()) {
        return false;
      }
      for (int i = 0; i < sa.size(); i++) {
        StructField fa = sa.field(i);
        StructField fb = sb.field(i);
        if (!fa.name().toLowerCase(Locale.ROOT).equals(fb.name().toLowerCase(Locale.ROOT))
            || !sameType(fa.dataType(), fb.dataType())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
      return sameType(aa.elementType(), ab.elementType());
    }
    if (a instanceof MapType ma && b instanceof MapType mb) {
      return sameType(ma.keyType(), mb.keyType()) && sameType(ma.valueType(), mb.valueType());
    }
    return a.equals(b);
  }
}
