package io.tideline.internal.analysis;

import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a function or operator accepts for one argument: a concrete type, a family of types (Spark's
 * {@code AbstractDataType}: NUMERIC, INTEGRAL, any DECIMAL, ...) or a choice among them (Spark's
 * {@code TypeCollection}). Type coercion casts an argument to the family's default concrete type
 * when it is not accepted as it is.
 */
sealed interface ExpectedType {

  boolean accepts(DataType t);

  /** The type an argument is cast to when it must be converted; null for ANY. */
  DataType defaultConcreteType();

  /** The type as Spark names it in messages, e.g. {@code "NUMERIC"}. */
  String sql();

  static ExpectedType of(DataType t) {
    return new Exact(t);
  }

  static ExpectedType oneOf(ExpectedType... options) {
    return new OneOf(List.of(options));
  }

  ExpectedType ANY = Family.ANY;
  ExpectedType NUMERIC = Family.NUMERIC;
  ExpectedType INTEGRAL = Family.INTEGRAL;
  ExpectedType DECIMAL = Family.DECIMAL;
  ExpectedType ARRAY = Family.ARRAY;
  ExpectedType MAP = Family.MAP;
  ExpectedType STRUCT = Family.STRUCT;
  ExpectedType STRING = of(DataTypes.StringType);
  ExpectedType BOOLEAN = of(DataTypes.BooleanType);
  ExpectedType INT = of(DataTypes.IntegerType);
  ExpectedType LONG = of(DataTypes.LongType);
  ExpectedType DOUBLE = of(DataTypes.DoubleType);
  ExpectedType DATE = of(DataTypes.DateType);
  ExpectedType TIMESTAMP = of(DataTypes.TimestampType);
  ExpectedType BINARY = of(DataTypes.BinaryType);

  /** One concrete type. */
  record Exact(DataType type) implements ExpectedType {
    @Override
    public boolean accepts(DataType t) {
      return io.tideline.internal.expr.TypeRules.sameType(type, t);
    }

    @Override
    public DataType defaultConcreteType() {
      return type;
    }

    @Override
    public String sql() {
      return "\"" + type.sql() + "\"";
    }
  }

  /** A family of types. */
  enum Family implements ExpectedType {
    ANY,
    NUMERIC,
    INTEGRAL,
    DECIMAL,
    ARRAY,
    MAP,
    STRUCT;

    @Override
    public boolean accepts(DataType t) {
      return switch (this) {
        case ANY -> true;
        case NUMERIC -> t.isNumeric();
        case INTEGRAL -> t instanceof AtomicType a && a.isIntegral();
        case DECIMAL -> t instanceof DecimalType;
        case ARRAY -> t instanceof ArrayType;
        case MAP -> t instanceof MapType;
        case STRUCT -> t instanceof StructType;
      };
    }

    @Override
    public DataType defaultConcreteType() {
      return switch (this) {
        case NUMERIC -> DataTypes.DoubleType;
        case INTEGRAL -> DataTypes.LongType;
        case DECIMAL -> DecimalType.SYSTEM_DEFAULT;
        default -> null;
      };
    }

    @Override
    public String sql() {
      return "\"" + name() + "\"";
    }
  }

  /** Any of several expected types, tried in order. */
  record OneOf(List<ExpectedType> options) implements ExpectedType {
    @Override
    public boolean accepts(DataType t) {
      for (ExpectedType o : options) {
        if (o.accepts(t)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public DataType defaultConcreteType() {
      return options.get(0).defaultConcreteType();
    }

    @Override
    public String sql() {
      List<String> s = new ArrayList<>();
      for (ExpectedType o : options) {
        s.add(o.sql());
      }
      return "(" + String.join(" or ", s) + ")";
    }
  }
}
