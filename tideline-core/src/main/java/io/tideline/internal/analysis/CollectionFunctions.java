package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.FunctionRegistry.register;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.expr.Literal;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/** struct, array, map and their accessors, hashes and digests (see {@link FunctionRegistry}). */
final class CollectionFunctions {
  private CollectionFunctions() {}

  /** Adds these functions to the registry. */
  static void registerAll() {
    register(
        "struct",
        0,
        -1,
        c -> {
          List<StructField> fields = new ArrayList<>();
          for (int i = 0; i < c.size(); i++) {
            fields.add(new StructField(fieldName(c.rawArgs().get(i), i), c.type(i), c.nullable(i)));
          }
          return c.scalar("struct", new StructType(fields), false, List.of());
        });
    register(
        "named_struct",
        0,
        -1,
        c -> {
          if (c.size() % 2 != 0) {
            throw AnalysisErrors.wrongNumArgs("named_struct", "2n (n > 0)", c.size());
          }
          List<StructField> fields = new ArrayList<>();
          List<Expr> values = new ArrayList<>();
          List<Expr> badNames = new ArrayList<>();
          for (int i = 0; i < c.size(); i += 2) {
            Literal name = FunctionCall.asLiteral(c.arg(i));
            if (name == null || !(name.value() instanceof String s)) {
              badNames.add(c.arg(i));
              continue;
            }
            fields.add(new StructField(s, c.type(i + 1), c.nullable(i + 1)));
            values.add(c.arg(i + 1));
          }
          if (!badNames.isEmpty()) {
            throw AnalysisErrors.namedStructNeedsFoldableNames(c.asExpr(), badNames);
          }
          return c.scalar("struct", values, new StructType(fields), false, List.of());
        });
    register(
        "array",
        0,
        -1,
        c -> {
          DataType element = c.size() == 0 ? DataTypes.NullType : c.commonType("array", false);
          return c.scalar("array", new ArrayType(element, c.anyNullable()), false, List.of());
        });
    register("map", 0, -1, CollectionFunctions::createMap);
    register(
        "size",
        1,
        1,
        c -> {
          if (!(c.type(0) instanceof ArrayType || c.type(0) instanceof MapType)) {
            throw AnalysisErrors.unexpectedInputType(
                c.asExpr(), 0, "(\"ARRAY\" or \"MAP\")", c.arg(0));
          }
          boolean legacySizeOfNull = !c.ansi();
          return c.scalar(
              "size",
              DataTypes.IntegerType,
              !legacySizeOfNull && c.nullable(0),
              List.of(legacySizeOfNull));
        });
    register(
        "element_at",
        2,
        2,
        c -> {
          if (c.type(0) instanceof ArrayType a) {
            c.expect(1, ExpectedType.INT);
            return c.scalar("element_at", a.elementType(), true, List.of());
          }
          if (c.type(0) instanceof MapType m) {
            c.expect(1, ExpectedType.of(m.keyType()));
            return c.scalar("element_at", m.valueType(), true, List.of());
          }
          throw AnalysisErrors.unexpectedInputType(
              c.asExpr(), 0, "(\"ARRAY\" or \"MAP\")", c.arg(0));
        });
    register("hash", 1, -1, c -> c.scalar("hash", DataTypes.IntegerType, false, List.of(42)));
    register(
        "md5",
        1,
        1,
        c -> {
          c.expect(0, ExpectedType.BINARY);
          return c.scalar("md5", DataTypes.StringType, c.nullable(0), List.of());
        });
    for (String n : List.of("sha1", "sha")) {
      register(
          n,
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.BINARY);
            return c.scalar("sha1", DataTypes.StringType, c.nullable(0), List.of());
          });
    }
    register(
        "sha2",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.BINARY);
          c.expect(1, ExpectedType.INT);
          c.constant(1, "bitLength", ExpectedType.INT);
          return c.scalar("sha2", DataTypes.StringType, true, c.literalParam(1));
        });
  }

  /** Spark's CreateStruct naming: a column's or alias's name, a field's name, else colN. */
  private static String fieldName(Expr raw, int index) {
    if (raw instanceof io.tideline.internal.expr.Alias a) {
      return a.name();
    }
    if (raw instanceof Attribute a) {
      return a.name();
    }
    if (raw instanceof GetStructField g) {
      return g.name();
    }
    return "col" + (index + 1);
  }

  static Expr createMap(FunctionCall c) {
    if (c.size() % 2 != 0) {
      throw AnalysisErrors.wrongNumArgs("map", "2n (n >= 0)", c.size());
    }
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < c.size(); i += 2) {
      keys.add(c.arg(i));
      values.add(c.arg(i + 1));
    }
    FunctionCall k = c.withArgs(keys);
    FunctionCall v = c.withArgs(values);
    DataType kt = keys.isEmpty() ? DataTypes.NullType : k.commonType("map", false);
    DataType vt = values.isEmpty() ? DataTypes.NullType : v.commonType("map", false);
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      args.add(k.arg(i));
      args.add(v.arg(i));
    }
    return c.scalar("map", args, new MapType(kt, vt, v.anyNullable()), false, List.of());
  }

  // ---------------------------------------------------------------------------------------------
}
