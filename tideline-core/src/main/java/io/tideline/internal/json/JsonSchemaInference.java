package io.tideline.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Infers the schema of JSON records by Spark's rules ({@code JsonInferSchema}): integers are
 * BIGINT, other numbers DOUBLE (DECIMAL with {@code prefersDecimal}, or when they do not fit a long
 * or double exactly), strings STRING, nested objects and arrays recursively; fields sorted by name;
 * conflicting types widened (BIGINT with DOUBLE to DOUBLE, decimals merged, anything else to
 * STRING); a field that is only ever null becomes STRING (or is dropped with {@code
 * dropFieldIfAllNull}); malformed records add a {@code _corrupt_record} STRING column in PERMISSIVE
 * mode, are ignored in DROPMALFORMED mode and fail in FAILFAST mode.
 *
 * <p>Feed records with {@link #add}, then call {@link #result()}. Not thread-safe.
 */
final class JsonSchemaInference {
  private static final Comparator<StructField> BY_NAME = Comparator.comparing(StructField::name);

  private final JsonOptions options;
  private final JsonFactory factory;
  private DataType root = new StructType();

  JsonSchemaInference(JsonOptions options) {
    this.options = options;
    this.factory = options.buildFactory();
  }

  /**
   * Adds one record, {@code buf[off, off+len)}; {@code where} names it for a FAILFAST error.
   *
   * @throws io.tideline.internal.errors.ExecutionException for a malformed record in FAILFAST
   */
  void add(byte[] buf, int off, int len, String where) {
    DataType t;
    try (JsonParser p = factory.createParser(buf, off, len)) {
      p.nextToken();
      t = infer(p);
    } catch (JsonProcessingException e) {
      switch (options.mode) {
        case PERMISSIVE ->
            t = new StructType().add(options.columnNameOfCorruptRecord, DataTypes.StringType, true);
        case DROPMALFORMED -> {
          return;
        }
        default ->
            throw JsonErrors.malformedInInference(
                new String(buf, off, len, StandardCharsets.UTF_8), where, e.getOriginalMessage());
      }
    } catch (IOException e) {
      throw new IllegalStateException("Bug in Tideline: I/O error parsing a byte array", e);
    }
    root = compatibleRoot(root, t, new String(buf, off, len, StandardCharsets.UTF_8), where);
  }

  /** The inferred schema of every record added so far. */
  StructType result() {
    DataType t = canonicalize(root);
    return t instanceof StructType s ? s : new StructType();
  }

  private DataType infer(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null || t == JsonToken.VALUE_NULL) {
      return DataTypes.NullType;
    }
    switch (t) {
      case FIELD_NAME:
        p.nextToken();
        return infer(p);
      case VALUE_STRING:
        if (options.prefersDecimal) {
          DecimalType d = decimalOf(p.getText());
          if (d != null) {
            return d;
          }
        }
        return DataTypes.StringType;
      case START_OBJECT:
        {
          TreeMap<String, DataType> fields = new TreeMap<>();
          while (p.nextToken() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            p.nextToken();
            DataType ft = infer(p);
            // Spark keeps duplicate keys as duplicate columns, which later fail; merge them.
            fields.merge(name, ft, JsonSchemaInference::compatible);
          }
          List<StructField> list = new ArrayList<>();
          fields.forEach((n, ft) -> list.add(new StructField(n, ft, true)));
          return new StructType(list);
        }
      case START_ARRAY:
        {
          DataType element = DataTypes.NullType;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            element = compatible(element, infer(p));
          }
          return new ArrayType(element, true);
        }
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        if (options.primitivesAsString) {
          return DataTypes.StringType;
        }
        return numberType(p);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return options.primitivesAsString ? DataTypes.StringType : DataTypes.BooleanType;
      default:
        throw new IllegalStateException("Bug in Tideline: unexpected JSON token " + t);
    }
  }

  private DataType numberType(JsonParser p) throws IOException {
    switch (p.getNumberType()) {
      case INT:
      case LONG:
        return DataTypes.LongType;
      case BIG_INTEGER:
      case BIG_DECIMAL:
        return decimalOrDouble(p);
      default:
        return options.prefersDecimal ? decimalOrDouble(p) : DataTypes.DoubleType;
    }
  }

  private static DataType decimalOrDouble(JsonParser p) throws IOException {
    BigDecimal v;
    try {
      v = p.getDecimalValue();
    } catch (NumberFormatException e) {
      // NaN and infinities (allowNonNumericNumbers) have no decimal form.
      return DataTypes.DoubleType;
    }
    DecimalType d = decimalOf(v);
    return d == null ? DataTypes.DoubleType : d;
  }

  /**
   * A decimal string's exact type; unlike numbers, Spark does not widen the precision to the scale
   * here, so {@code "0.05"} (precision 1, scale 2) stays a STRING.
   */
  private static DecimalType decimalOf(String s) {
    try {
      BigDecimal v = new BigDecimal(s.replace(",", ""));
      if (v.scale() < 0 || v.scale() > v.precision() || v.precision() > DecimalType.MAX_PRECISION) {
        return null;
      }
      return DataTypes.createDecimalType(v.precision(), v.scale());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static DecimalType decimalOf(BigDecimal v) {
    if (v.scale() < 0) {
      v = v.setScale(0);
    }
    int precision = Math.max(v.precision(), v.scale());
    return precision <= DecimalType.MAX_PRECISION
        ? DataTypes.createDecimalType(precision, v.scale())
        : null;
  }

  private DataType compatibleRoot(DataType a, DataType b, String record, String where) {
    if (a instanceof ArrayType at) {
      return compatibleRoot(at.elementType(), b, record, where);
    }
    if (b instanceof ArrayType bt) {
      return compatibleRoot(a, bt.elementType(), record, where);
    }
    if (a instanceof StructType && b == DataTypes.NullType) {
      return a;
    }
    if (a == DataTypes.NullType && b instanceof StructType) {
      return b;
    }
    if (a instanceof StructType s && !(b instanceof StructType)) {
      return withCorruptField(s, record, where);
    }
    if (b instanceof StructType s && !(a instanceof StructType)) {
      return withCorruptField(s, record, where);
    }
    return compatible(a, b);
  }

  /** A top-level value that is not an object: a malformed record for a struct schema. */
  private DataType withCorruptField(StructType s, String record, String where) {
    switch (options.mode) {
      case PERMISSIVE:
        for (StructField f : s) {
          if (f.name().equals(options.columnNameOfCorruptRecord)) {
            return s;
          }
        }
        List<StructField> fields = new ArrayList<>(s.fields());
        fields.add(new StructField(options.columnNameOfCorruptRecord, DataTypes.StringType, true));
        fields.sort(BY_NAME);
        return new StructType(fields);
      case DROPMALFORMED:
        return s;
      default:
        throw JsonErrors.malformedInInference(record, where, "the record is not a JSON object");
    }
  }

  /** Spark's {@code JsonInferSchema.compatibleType}. */
  static DataType compatible(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a == DataTypes.NullType) {
      return b;
    }
    if (b == DataTypes.NullType) {
      return a;
    }
    if (isIntegralOrFractional(a) && isIntegralOrFractional(b)) {
      return rank(a) >= rank(b) ? a : b;
    }
    if (a == DataTypes.DoubleType && b instanceof DecimalType
        || a instanceof DecimalType && b == DataTypes.DoubleType) {
      return DataTypes.DoubleType;
    }
    if (a instanceof DecimalType da && b instanceof DecimalType db) {
      int scale = Math.max(da.scale(), db.scale());
      int range = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
      return range + scale > DecimalType.MAX_PRECISION
          ? DataTypes.DoubleType
          : DataTypes.createDecimalType(range + scale, scale);
    }
    if (a instanceof DecimalType && isIntegral(b)) {
      return compatible(a, integralAsDecimal(b));
    }
    if (isIntegral(a) && b instanceof DecimalType) {
      return compatible(integralAsDecimal(a), b);
    }
    if (isFractional(a) && b instanceof DecimalType
        || a instanceof DecimalType && isFractional(b)) {
      return DataTypes.DoubleType;
    }
    if (a instanceof StructType sa && b instanceof StructType sb) {
      TreeMap<String, DataType> merged = new TreeMap<>();
      for (StructField f : sa) {
        merged.put(f.name(), f.dataType());
      }
      for (StructField f : sb) {
        merged.merge(f.name(), f.dataType(), JsonSchemaInference::compatible);
      }
      List<StructField> fields = new ArrayList<>();
      merged.forEach((n, t) -> fields.add(new StructField(n, t, true)));
      return new StructType(fields);
    }
    if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
      return new ArrayType(
          compatible(aa.elementType(), ab.elementType()), aa.containsNull() || ab.containsNull());
    }
    return DataTypes.StringType;
  }

  private static boolean isIntegral(DataType t) {
    return t instanceof AtomicType a && a.isIntegral();
  }

  private static boolean isFractional(DataType t) {
    return t == DataTypes.DoubleType || t == DataTypes.FloatType;
  }

  private static boolean isIntegralOrFractional(DataType t) {
    return isIntegral(t) || isFractional(t);
  }

  private static int rank(DataType t) {
    AtomicType a = (AtomicType) t;
    return switch (a.kind()) {
      case BYTE -> 1;
      case SHORT -> 2;
      case INT -> 3;
      case LONG -> 4;
      case FLOAT -> 5;
      default -> 6;
    };
  }

  private static DecimalType integralAsDecimal(DataType t) {
    return switch (((AtomicType) t).kind()) {
      case BYTE -> DataTypes.createDecimalType(3, 0);
      case SHORT -> DataTypes.createDecimalType(5, 0);
      case INT -> DataTypes.createDecimalType(10, 0);
      default -> DataTypes.createDecimalType(20, 0);
    };
  }

  /** Nulls to STRING (or dropped), empty structs dropped, as Spark's {@code canonicalizeType}. */
  private DataType canonicalize(DataType t) {
    if (t instanceof ArrayType a) {
      DataType e = canonicalize(a.elementType());
      return e == null ? null : new ArrayType(e, a.containsNull());
    }
    if (t instanceof StructType s) {
      List<StructField> fields = new ArrayList<>();
      for (StructField f : s) {
        if (f.name().isEmpty()) {
          continue;
        }
        DataType ft = canonicalize(f.dataType());
        if (ft != null) {
          fields.add(new StructField(f.name(), ft, true));
        }
      }
      return fields.isEmpty() ? null : new StructType(fields);
    }
    if (t == DataTypes.NullType) {
      return options.dropFieldIfAllNull ? null : DataTypes.StringType;
    }
    return t;
  }
}
