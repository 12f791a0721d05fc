package io.tideline.internal.plan;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.streaming.source.SourceSpec;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small streaming and batch plans of {@code (k STRING, v BIGINT)} for plan-level tests. */
public final class TestStreams {
  private TestStreams() {}

  /** A streaming leaf that is never started: tests replace or only inspect it. */
  public record Spec() implements SourceSpec {
    @Override
    public String format() {
      return "test";
    }

    @Override
    public StructType schema() {
      return new StructType().add("k", "string").add("v", "bigint");
    }

    @Override
    public String identity() {
      return "test";
    }

    @Override
    public Source createSource(Tideline session, Path metadataPath, Clock clock) {
      throw new UnsupportedOperationException("a test stream is never started");
    }
  }

  /** A stream with fresh attributes {@code k}, {@code v}. */
  public static StreamingRelation stream() {
    return new StreamingRelation(new Spec(), columns());
  }

  /** An empty batch relation with fresh attributes {@code k}, {@code v}. */
  public static LocalRelation batch() {
    return new LocalRelation(columns(), List.of());
  }

  private static List<Attribute> columns() {
    return List.of(
        new Attribute("k", DataTypes.StringType, true),
        new Attribute("v", DataTypes.LongType, true));
  }

  public static AggregateCall count() {
    return new AggregateCall(
        "count", List.of(Literal.of(1)), false, DataTypes.LongType, false, List.of());
  }

  public static AggregateCall sum(Expr e) {
    return new AggregateCall("sum", List.of(e), false, DataTypes.LongType, true, List.of());
  }

  /**
   * {@code groupBy(k).agg(count(1) AS cnt, sum(v) AS total)}, keyed by the child's first column.
   */
  public static Aggregate countByKey(LogicalPlan child) {
    Attribute k = child.output().get(0);
    Attribute v = child.output().get(1);
    List<Expr> out = new ArrayList<>();
    out.add(k);
    out.add(new Alias(count(), "cnt"));
    out.add(new Alias(sum(v), "total"));
    return new Aggregate(List.of(k), out, child);
  }
}
