package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.FunctionRegistry.register;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON functions: from_json, to_json, get_json_object (see {@link FunctionRegistry}). */
final class JsonFunctions {
  private JsonFunctions() {}

  /** Adds these functions to the registry. */
  static void registerAll() {
    register("from_json", 2, 3, JsonFunctions::fromJson);
    register(
        "to_json",
        1,
        2,
        c -> {
          DataType t = c.type(0);
          if (!(t instanceof StructType || t instanceof ArrayType || t instanceof MapType)) {
            throw AnalysisErrors.unexpectedInputType(
                c.asExpr(), 0, "(\"STRUCT\" or \"ARRAY\" or \"MAP\")", c.arg(0));
          }
          Map<String, String> options = c.size() > 1 ? options(c, 1) : Map.of();
          return c.scalar(
              "to_json", List.of(c.arg(0)), DataTypes.StringType, c.nullable(0), List.of(options));
        });
    register(
        "get_json_object",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.STRING);
          c.expect(1, ExpectedType.STRING);
          return c.scalar("get_json_object", DataTypes.StringType, true, c.literalParam(1));
        });
  }

  static Expr fromJson(FunctionCall c) {
    c.expect(0, ExpectedType.STRING);
    Literal schemaLit = FunctionCall.asLiteral(c.arg(1));
    if (schemaLit == null || !(schemaLit.value() instanceof String ddl)) {
      throw AnalysisErrors.nonFoldableInput(c.asExpr(), "schema", "\"STRING\"", c.arg(1));
    }
    DataType schema = parseSchema(ddl);
    if (!(schema instanceof StructType)) {
      // The decoder writes into a struct's fields; refuse here rather than fail in every task.
      throw AnalysisErrors.nonStructJsonSchema(ddl, schema);
    }
    Map<String, String> options = c.size() > 2 ? options(c, 2) : Map.of();
    return c.scalar("from_json", List.of(c.arg(0)), schema, true, List.of(schema, options));
  }

  /** Parses a from_json schema: a DDL column list, or a type such as {@code array<int>}. */
  static DataType parseSchema(String ddl) {
    String trimmed = ddl.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("array<") || lower.startsWith("map<")) {
        return io.tideline.internal.sql.DataTypeParser.parseType(trimmed);
      }
      return StructType.fromDDL(trimmed);
    } catch (IllegalArgumentException e) {
      throw AnalysisErrors.invalidSchema(ddl, e.getMessage());
    }
  }

  /** Options given as {@code map('k', 'v', ...)} of string literals. */
  private static Map<String, String> options(FunctionCall c, int i) {
    Expr e = c.arg(i);
    Map<String, String> out = new LinkedHashMap<>();
    if (e instanceof ScalarCall m && m.name().equals("map")) {
      for (int k = 0; k + 1 < m.args().size(); k += 2) {
        Literal key = FunctionCall.asLiteral(m.args().get(k));
        Literal value = FunctionCall.asLiteral(m.args().get(k + 1));
        if (key == null || value == null || !(key.value() instanceof String)) {
          throw AnalysisErrors.invalidOptions(c.name(), "keys and values must be literals");
        }
        out.put((String) key.value(), value.value() == null ? null : value.value().toString());
      }
      return out;
    }
    Literal l = FunctionCall.asLiteral(e);
    if (l != null && l.value() instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> en : m.entrySet()) {
        out.put(String.valueOf(en.getKey()), String.valueOf(en.getValue()));
      }
      return out;
    }
    throw AnalysisErrors.invalidOptions(c.name(), "got " + OutputNames.pretty(e));
  }
}
