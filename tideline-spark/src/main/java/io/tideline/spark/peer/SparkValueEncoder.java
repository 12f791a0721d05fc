package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Encodes Spark result values as JSON without losing what a differential test compares.
 *
 * <p>The encoding, documented for consumers in the module README:
 *
 * <ul>
 *   <li>integers and booleans as JSON numbers and booleans; doubles and floats as numbers, except
 *       NaN and the infinities, which JSON cannot hold, as the strings {@code "NaN"}, {@code
 *       "Infinity"}, {@code "-Infinity"};
 *   <li>decimals as strings in plain notation with their scale ({@code "12.50"}), so no digit is
 *       lost to a double;
 *   <li>binary as base64; dates, timestamps ({@code Instant}, UTC, {@code ...Z}), timestamps
 *       without zone and intervals as their ISO-8601 {@code java.time} text;
 *   <li>structs as objects by field name, arrays as arrays, maps as arrays of {@code [key, value]}
 *       pairs (keys need not be strings);
 *   <li>anything else as its string form.
 * </ul>
 */
final class SparkValueEncoder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SparkValueEncoder() {}

  /** Encodes one row of the given schema as a JSON array of its column values. */
  static ArrayNode encodeRow(Row row, StructType schema) {
    ArrayNode out = JSON.arrayNode(schema.size());
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      out.add(encode(row.get(i), fields[i].dataType()));
    }
    return out;
  }

  static JsonNode encode(Object value, DataType type) {
    if (value == null || type instanceof NullType) {
      return JSON.nullNode();
    }
    if (type instanceof BooleanType) {
      return JSON.booleanNode((Boolean) value);
    }
    if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
      return JSON.numberNode(((Number) value).intValue());
    }
    if (type instanceof LongType) {
      return JSON.numberNode((Long) value);
    }
    if (type instanceof DoubleType) {
      double d = (Double) value;
      return Double.isFinite(d) ? JSON.numberNode(d) : JSON.textNode(Double.toString(d));
    }
    if (type instanceof FloatType) {
      float f = (Float) value;
      return Float.isFinite(f) ? JSON.numberNode(f) : JSON.textNode(Float.toString(f));
    }
    if (type instanceof DecimalType) {
      return JSON.textNode(((BigDecimal) value).toPlainString());
    }
    if (type instanceof BinaryType) {
      return JSON.textNode(Base64.getEncoder().encodeToString((byte[]) value));
    }
    if (type instanceof StructType struct) {
      return encodeStruct((Row) value, struct);
    }
    if (type instanceof ArrayType array) {
      ArrayNode out = JSON.arrayNode();
      for (Object element : asList(value)) {
        out.add(encode(element, array.elementType()));
      }
      return out;
    }
    if (type instanceof MapType map) {
      ArrayNode out = JSON.arrayNode();
      for (Map.Entry<?, ?> entry : asMap(value).entrySet()) {
        ArrayNode pair = out.addArray();
        pair.add(encode(entry.getKey(), map.keyType()));
        pair.add(encode(entry.getValue(), map.valueType()));
      }
      return out;
    }
    // Strings, dates, timestamps and intervals: their java.time / String text is the encoding.
    return JSON.textNode(value.toString());
  }

  private static ObjectNode encodeStruct(Row row, StructType struct) {
    ObjectNode out = JSON.objectNode();
    StructField[] fields = struct.fields();
    for (int i = 0; i < fields.length; i++) {
      out.set(fields[i].name(), encode(row.get(i), fields[i].dataType()));
    }
    return out;
  }

  private static List<?> asList(Object value) {
    if (value instanceof scala.collection.Seq<?> seq) {
      return CollectionConverters.asJava(seq);
    }
    return (List<?>) value;
  }

  private static Map<?, ?> asMap(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      return CollectionConverters.asJava(map);
    }
    return (Map<?, ?>) value;
  }
}
