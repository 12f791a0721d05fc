package io.tideline.internal.datasource;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shape of a partitioned file write (Hive layout, {@code col=value/}): the data columns go into
 * the files, the partition columns only into folder names, as Spark writes them.
 */
public final class PartitionedOutput {
  private PartitionedOutput() {}

  /**
   * {@code plan} with its data columns first, then each partition column cast to string, the input
   * {@link PartitionedTaskWriter} expects: the folder name is the value as Spark prints it.
   *
   * @param notFound the error for a partition column the plan does not have
   */
  public static LogicalPlan withPartitionKeys(
      LogicalPlan plan,
      List<String> partitionColumns,
      Function<String, RuntimeException> notFound) {
    if (partitionColumns.isEmpty()) {
      return plan;
    }
    List<Attribute> partitionAttributes = new ArrayList<>();
    for (String name : partitionColumns) {
      partitionAttributes.add(find(plan.output(), name).orElseThrow(() -> notFound.apply(name)));
    }
    List<Expr> projection = new ArrayList<>();
    for (Attribute a : plan.output()) {
      if (!partitionAttributes.contains(a)) {
        projection.add(a);
      }
    }
    for (Attribute a : partitionAttributes) {
      projection.add(new Alias(new Cast(a, DataTypes.StringType), a.name()));
    }
    return new Project(projection, plan);
  }

  /** The columns that go into the files: every column of {@code output} but the partition ones. */
  public static StructType dataSchema(List<Attribute> output, List<String> partitionColumns) {
    List<StructField> fields = new ArrayList<>();
    for (Attribute a : output) {
      if (!isPartitionColumn(a.name(), partitionColumns)) {
        fields.add(new StructField(a.name(), a.dataType(), a.nullable()));
      }
    }
    return new StructType(fields);
  }

  private static boolean isPartitionColumn(String name, List<String> partitionColumns) {
    for (String p : partitionColumns) {
      if (p.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Attribute> find(List<Attribute> output, String name) {
    for (Attribute a : output) {
      if (a.name().equalsIgnoreCase(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
