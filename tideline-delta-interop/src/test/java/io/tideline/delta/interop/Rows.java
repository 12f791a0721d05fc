package io.tideline.delta.interop;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Both engines' rows in one comparable form: the Spark peer's JSON value encoding (tideline-spark
 * README, "Result lines") with map entries sorted by key and rows sorted by their JSON text, so
 * answers compare as lists whatever order files and hash maps gave them in.
 */
final class Rows {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Rows() {}

  /** Tideline's rows of {@code schema}, encoded and sorted. */
  static List<String> ofTideline(List<Row> rows, StructType schema) {
    List<String> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ArrayNode encoded = JSON.arrayNode(schema.size());
      for (int i = 0; i < schema.size(); i++) {
        encoded.add(encode(row.get(i), schema.field(i).dataType()));
      }
      out.add(encoded.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The peer's encoded rows of {@code schema} (Tideline's view of the same columns), sorted. */
  static List<String> ofSpark(JsonNode rows, StructType schema) {
    List<String> out = new ArrayList<>();
    for (JsonNode row : rows) {
      ArrayNode canonical = JSON.arrayNode(schema.size());
      for (int i = 0; i < schema.size(); i++) {
        canonical.add(sortMaps(row.get(i), schema.field(i).dataType()));
      }
      out.add(canonical.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static JsonNode encode(Object value, DataType type) {
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
      return sortMaps(out, type);
    }
    return switch (((AtomicType) type).kind()) {
      case BOOLEAN -> JSON.booleanNode((Boolean) value);
      case BYTE, SHORT, INT -> JSON.numberNode(((Number) value).intValue());
      case LONG -> JSON.numberNode(((Number) value).longValue());
      case DOUBLE -> {
        double d = ((Number) value).doubleValue();
        yield Double.isFinite(d) ? JSON.numberNode(d) : JSON.textNode(Double.toString(d));
      }
      case FLOAT -> {
        float f = ((Number) value).floatValue();
        yield Float.isFinite(f) ? JSON.numberNode(f) : JSON.textNode(Float.toString(f));
      }
      case BINARY -> JSON.textNode(Base64.getEncoder().encodeToString((byte[]) value));
      // Strings, dates (LocalDate) and timestamps (Instant): their java.time text, as Spark's.
      default -> JSON.textNode(value.toString());
    };
  }

  /** {@code node} with every map's entries (at any depth) sorted by their key's JSON text. */
  private static JsonNode sortMaps(JsonNode node, DataType type) {
    if (node == null || node.isNull()) {
      return JSON.nullNode();
    }
    if (type instanceof StructType struct) {
      ObjectNode out = JSON.objectNode();
      for (int i = 0; i < struct.size(); i++) {
        String name = struct.field(i).name();
        out.set(name, sortMaps(node.get(name), struct.field(i).dataType()));
      }
      return out;
    }
    if (type instanceof ArrayType array) {
      ArrayNode out = JSON.arrayNode();
      node.forEach(e -> out.add(sortMaps(e, array.elementType())));
      return out;
    }
    if (type instanceof MapType map) {
      List<ArrayNode> pairs = new ArrayList<>();
      for (JsonNode pair : node) {
        ArrayNode p = JSON.arrayNode();
        p.add(sortMaps(pair.get(0), map.keyType()));
        p.add(sortMaps(pair.get(1), map.valueType()));
        pairs.add(p);
      }
      pairs.sort(Comparator.comparing(p -> p.get(0).toString()));
      ArrayNode out = JSON.arrayNode();
      out.addAll(pairs);
      return out;
    }
    return node;
  }
}
