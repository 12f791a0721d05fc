package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.FunctionRegistry.register;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/** The string functions (see {@link FunctionRegistry}). */
final class StringFunctions {
  private StringFunctions() {}

  /** Adds these functions to the registry. */
  static void registerAll() {
    for (String[] n :
        new String[][] {
          {"upper", "upper"}, {"ucase", "upper"}, {"lower", "lower"}, {"lcase", "lower"}
        }) {
      register(
          n[0],
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.STRING);
            return c.scalar(n[1], DataTypes.StringType, c.nullable(0), List.of());
          });
    }
    for (String n : List.of("length", "char_length", "character_length")) {
      register(
          n,
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.oneOf(ExpectedType.STRING, ExpectedType.BINARY));
            return c.scalar("length", DataTypes.IntegerType, c.nullable(0), List.of());
          });
    }
    for (String n : List.of("substring", "substr")) {
      register(
          n,
          2,
          3,
          c -> {
            FunctionCall full =
                c.size() == 2
                    ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(Integer.MAX_VALUE)))
                    : c;
            Expr s = full.expect(0, ExpectedType.oneOf(ExpectedType.STRING, ExpectedType.BINARY));
            full.expect(1, ExpectedType.INT);
            full.expect(2, ExpectedType.INT);
            return full.scalar("substring", s.dataType(), full.anyNullable(), List.of());
          });
    }
    register("concat", 0, -1, StringFunctions::concat);
    register(
        "concat_ws",
        1,
        -1,
        c -> {
          c.expect(0, ExpectedType.STRING);
          for (int i = 1; i < c.size(); i++) {
            if (!(c.type(i) instanceof ArrayType)) {
              c.expect(i, ExpectedType.STRING);
            } else {
              c.expect(i, ExpectedType.of(new ArrayType(DataTypes.StringType, true)));
            }
          }
          return c.scalar("concat_ws", DataTypes.StringType, c.nullable(0), List.of());
        });
    for (String n : List.of("trim", "ltrim", "rtrim")) {
      register(
          n,
          1,
          2,
          c -> {
            // SQL's two-argument form is trim(trimStr, str); the kernel takes (str, trimStr).
            FunctionCall full = c.size() == 2 ? c.withArgs(List.of(c.arg(1), c.arg(0))) : c;
            for (int i = 0; i < full.size(); i++) {
              full.expect(i, ExpectedType.STRING);
            }
            return full.scalar(n, DataTypes.StringType, full.anyNullable(), List.of());
          });
    }
    for (String n : List.of("lpad", "rpad")) {
      register(
          n,
          2,
          3,
          c -> {
            FunctionCall full =
                c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(" "))) : c;
            full.expect(0, ExpectedType.STRING);
            full.expect(1, ExpectedType.INT);
            full.expect(2, ExpectedType.STRING);
            return full.scalar(n, DataTypes.StringType, full.anyNullable(), List.of());
          });
    }
    register(
        "replace",
        2,
        3,
        c -> {
          FunctionCall full =
              c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(""))) : c;
          for (int i = 0; i < 3; i++) {
            full.expect(i, ExpectedType.STRING);
          }
          return full.scalar("replace", DataTypes.StringType, full.anyNullable(), List.of());
        });
    register(
        "split",
        2,
        3,
        c -> {
          FunctionCall full =
              c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(-1))) : c;
          full.expect(0, ExpectedType.STRING);
          full.expect(1, ExpectedType.STRING);
          full.expect(2, ExpectedType.INT);
          return full.scalar(
              "split", new ArrayType(DataTypes.StringType, false), full.anyNullable(), List.of());
        });
    register(
        "regexp_replace",
        3,
        4,
        c -> {
          FunctionCall full =
              c.size() == 3 ? c.withArgs(List.of(c.arg(0), c.arg(1), c.arg(2), Literal.of(1))) : c;
          full.expect(0, ExpectedType.STRING);
          full.expect(1, ExpectedType.STRING);
          full.expect(2, ExpectedType.STRING);
          full.expect(3, ExpectedType.INT);
          return full.scalar("regexp_replace", DataTypes.StringType, full.anyNullable(), List.of());
        });
    register(
        "regexp_extract",
        2,
        3,
        c -> {
          FunctionCall full =
              c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(1))) : c;
          full.expect(0, ExpectedType.STRING);
          full.expect(1, ExpectedType.STRING);
          full.expect(2, ExpectedType.INT);
          return full.scalar("regexp_extract", DataTypes.StringType, full.anyNullable(), List.of());
        });
    register(
        "btrim",
        1,
        2,
        c -> {
          // btrim takes (str, trimStr), unlike SQL's two-argument trim(trimStr, str).
          for (int i = 0; i < c.size(); i++) {
            c.expect(i, ExpectedType.STRING);
          }
          return c.scalar("trim", DataTypes.StringType, c.anyNullable(), List.of());
        });
    for (String n : List.of("contains", "startswith", "endswith")) {
      register(
          n,
          2,
          2,
          c -> {
            c.expect(0, ExpectedType.STRING);
            c.expect(1, ExpectedType.STRING);
            return c.scalar(n, DataTypes.BooleanType, c.anyNullable(), List.of());
          });
    }
    for (String n : List.of("position", "locate")) {
      register(
          n,
          2,
          2,
          c -> {
            // position(substr, str) is instr(str, substr); the start position form is not
            // supported yet.
            FunctionCall swapped = c.withArgs(List.of(c.arg(1), c.arg(0)));
            swapped.expect(0, ExpectedType.STRING);
            swapped.expect(1, ExpectedType.STRING);
            return c.named(
                new ScalarCall(
                    "instr",
                    swapped.args(),
                    DataTypes.IntegerType,
                    swapped.anyNullable(),
                    List.of()),
                "instr");
          });
    }
    for (String n : List.of("initcap", "reverse")) {
      register(
          n,
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.STRING);
            return c.scalar(n, DataTypes.StringType, c.nullable(0), List.of());
          });
    }
    register(
        "octet_length",
        1,
        1,
        c -> {
          c.expect(0, ExpectedType.oneOf(ExpectedType.STRING, ExpectedType.BINARY));
          return c.scalar("octet_length", DataTypes.IntegerType, c.nullable(0), List.of());
        });
    for (String n : List.of("left", "right", "repeat")) {
      register(
          n,
          2,
          2,
          c -> {
            c.expect(0, ExpectedType.STRING);
            c.expect(1, ExpectedType.INT);
            return c.scalar(n, DataTypes.StringType, c.anyNullable(), List.of());
          });
    }
    register(
        "translate",
        3,
        3,
        c -> {
          for (int i = 0; i < 3; i++) {
            c.expect(i, ExpectedType.STRING);
          }
          return c.scalar("translate", DataTypes.StringType, c.anyNullable(), List.of());
        });
    register(
        "instr",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.STRING);
          c.expect(1, ExpectedType.STRING);
          return c.scalar("instr", DataTypes.IntegerType, c.anyNullable(), List.of());
        });
  }

  static Expr concat(FunctionCall c) {
    boolean allArrays = c.size() > 0;
    boolean allBinary = c.size() > 0;
    for (int i = 0; i < c.size(); i++) {
      allArrays &= c.type(i) instanceof ArrayType;
      allBinary &= TypeCoercion.is(c.type(i), io.tideline.types.AtomicType.Kind.BINARY);
    }
    if (allArrays) {
      DataType common = c.commonType("concat", false);
      return c.scalar("concat", common, c.anyNullable(), List.of());
    }
    if (!allBinary) {
      for (int i = 0; i < c.size(); i++) {
        c.expect(i, ExpectedType.STRING);
      }
    }
    return c.scalar(
        "concat",
        allBinary ? DataTypes.BinaryType : DataTypes.StringType,
        c.anyNullable(),
        List.of());
  }
}
