package io.tideline.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.Row;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Encodes Tideline's result values in the Spark peer's lossless JSON encoding (tideline-spark
 * README, "Result lines"), so both engines' answers compare as JSON.
 */
public final class TidelineValueEncoder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TidelineValueEncoder() {}

  public static ArrayNode encodeRow(Row row, StructType schema) {
    ArrayNode out = JSON.arrayNode(schema.size());
    for (int i = 0; i < schema.size(); i++) {
      out.add(encode(row.get(i), schema.field(i).dataType()));
    }
    return out;
  }

  static JsonNode encode(Object value, DataType type) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (type instanceof DecimalType) {
      return JSON.textNode(((BigDecimal) value).toPlainString());
    }
    if (type instanceof StructType struct) {
      Row row = (Row) value;
      ObjectNode out = JSON.objectNode();
      for (int i = 0; i < struct.size(); i++) {
        out.set(struct.field(i).name(), encode(row.get(i), struct.field(i).dataType()));
      }
      return out;
    }
    if (type instanceof ArrayType array) {
      ArrayNode out = JSON.arrayNode();
      for (Object element : (List<?>) value) {
        out.add(encode(element, array.elementType()));
      }
      return out;
    }
    if (type instanceof MapType map) {
      ArrayNode out = JSON.arrayNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        ArrayNode pair = out.addArray();
        pair.add(encode(e.getKey(), map.keyType()));
        pair.add(encode(e.getValue(), map.valueType()));
      }
      return out;
    }
    AtomicType atomic = (AtomicType) type;
    return switch (atomic.kind()) {
      case NULL -> JSON.nullNode();
      case BOOLEAN -> JSON.booleanNode((Boolean) value);
      case BYTE, SHORT, INT -> JSON.numberNode(((Number) value).intValue());
      case LONG -> JSON.numberNode(((Number) value).longValue());
      case DOUBLE -> {
        double d = ((Number) value).doubleValue();
        yield Double.isFinite(d) ? JSON.numberNode(d) : JSON.textNode(Double.toString(d));
      }
      case FLOAT -> {
        float f = ((Number) value).floatValue();
        // Spark's side goes through JSON text, so a float arrives as its shortest decimal form.
        yield Float.isFinite(f)
            ? JSON.numberNode(Double.parseDouble(Float.toString(f)))
            : JSON.textNode(Float.toString(f));
      }
      case BINARY -> JSON.textNode(Base64.getEncoder().encodeToString((byte[]) value));
      case DAY_TIME_INTERVAL ->
          JSON.textNode(
              value instanceof Long micros
                  ? Duration.ofNanos(Math.multiplyExact(micros, 1000L)).toString()
                  : value.toString());
      case YEAR_MONTH_INTERVAL ->
          JSON.textNode(
              value instanceof Integer months
                  ? Period.ofMonths(months).normalized().toString()
                  : value.toString());
      default -> JSON.textNode(value.toString());
    };
  }
}
