package io.tideline.internal.datasource;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.plan.FileRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.Union;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hive-style partition columns of a folder read in batch, as Spark's partition discovery: files
 * under {@code root/col=value/...} get a column {@code col} whose value comes from the folder name,
 * after the columns of the files themselves.
 *
 * <p>Types are inferred from the folder values as Spark infers them (with {@code
 * partitionColumnTypeInference} on): INT, else BIGINT, else DOUBLE, else DATE ({@code yyyy-MM-dd}),
 * else STRING; {@value PartitionPaths#DEFAULT_PARTITION_NAME} is null. A column named in the user's
 * schema takes that schema's type instead. Differs from Spark: integers beyond BIGINT become DOUBLE
 * (Spark: DECIMAL), timestamps stay STRING, and folders whose partition columns disagree (different
 * names or depths) are read without partition columns instead of failing.
 *
 * <p>Plan: one file scan per partition folder, each under a projection adding the folder's values
 * as constants, joined by a UNION ALL; no row is copied to add the columns.
 */
public final class PartitionDiscovery {

  /** The partition columns found under a root, and each file's raw (escaped) folder values. */
  private final List<String> columns;

  private final Map<Path, List<String>> valuesByFolder;

  private PartitionDiscovery(List<String> columns, Map<Path, List<String>> valuesByFolder) {
    this.columns = columns;
    this.valuesByFolder = valuesByFolder;
  }

  /**
   * The partitioning of {@code files} under {@code root}, or null when they are not partitioned.
   */
  public static PartitionDiscovery of(Path root, List<Path> files) {
    Path base = root.toAbsolutePath().normalize();
    List<String> columns = null;
    Map<Path, List<String>> valuesByFolder = new LinkedHashMap<>();
    for (Path file : files) {
      Path folder = file.toAbsolutePath().normalize().getParent();
      if (folder == null || !folder.startsWith(base)) {
        return null;
      }
      if (valuesByFolder.containsKey(folder)) {
        continue;
      }
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Path part : base.relativize(folder)) {
        String name = part.toString();
        int eq = name.indexOf('=');
        if (eq <= 0) {
          return null;
        }
        names.add(unescape(name.substring(0, eq)));
        values.add(name.substring(eq + 1));
      }
      if (names.isEmpty() || (columns != null && !sameNames(columns, names))) {
        return null;
      }
      columns = names;
      valuesByFolder.put(folder, values);
    }
    return columns == null ? null : new PartitionDiscovery(List.copyOf(columns), valuesByFolder);
  }

  private static boolean sameNames(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsIgnoreCase(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The partition column names, outermost folder first. */
  public List<String> columns() {
    return columns;
  }

  /** Whether {@code name} is a partition column. */
  public boolean isPartitionColumn(String name) {
    for (String c : columns) {
      if (c.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The plan reading {@code files}: the data columns ({@code dataOutput}), then the partition
   * columns, typed by {@code userSchema} where it names them, else by inference.
   */
  public LogicalPlan plan(
      String format,
      List<Path> files,
      Map<String, String> options,
      List<Attribute> dataOutput,
      StructType userSchema) {
    List<DataType> types = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      types.add(typeOf(i, userSchema));
    }
    Map<Path, List<Path>> filesByFolder = new LinkedHashMap<>();
    for (Path file : files) {
      filesByFolder
          .computeIfAbsent(file.toAbsolutePath().normalize().getParent(), f -> new ArrayList<>())
          .add(file);
    }
    List<LogicalPlan> scans = new ArrayList<>(filesByFolder.size());
    for (Map.Entry<Path, List<Path>> folder : filesByFolder.entrySet()) {
      List<Expr> projection = new ArrayList<>(dataOutput);
      List<String> values = valuesByFolder.get(folder.getKey());
      for (int i = 0; i < columns.size(); i++) {
        projection.add(new Alias(valueOf(values.get(i), types.get(i)), columns.get(i)));
      }
      scans.add(
          new Project(
              projection, new FileRelation(format, folder.getValue(), options, dataOutput)));
    }
    return scans.size() == 1 ? scans.get(0) : new Union(scans);
  }

  private DataType typeOf(int column, StructType userSchema) {
    if (userSchema != null) {
      for (StructField f : userSchema.fields()) {
        if (f.name().equalsIgnoreCase(columns.get(column))) {
          return f.dataType();
        }
      }
    }
    DataType type = null;
    for (List<String> values : valuesByFolder.values()) {
      String raw = values.get(column);
      if (raw.equals(PartitionPaths.DEFAULT_PARTITION_NAME)) {
        continue;
      }
      type = widen(type, infer(unescape(raw)));
    }
    return type == null ? DataTypes.StringType : type;
  }

  private static DataType infer(String value) {
    if (isInt(value, false)) {
      return DataTypes.IntegerType;
    }
    if (isInt(value, true)) {
      return DataTypes.LongType;
    }
    try {
      // Java's parser, as Spark's: it also takes NaN, Infinity and a trailing d or f.
      Double.parseDouble(value);
      return DataTypes.DoubleType;
    } catch (NumberFormatException e) {
      // Not a number: try a date, then keep the text.
    }
    try {
      LocalDate.parse(value);
      return DataTypes.DateType;
    } catch (DateTimeParseException e) {
      return DataTypes.StringType;
    }
  }

  private static boolean isInt(String value, boolean asLong) {
    try {
      if (asLong) {
        Long.parseLong(value);
      } else {
        Integer.parseInt(value);
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Spark's merge of partition value types: numbers widen, anything else mixed is a string. */
  private static DataType widen(DataType a, DataType b) {
    if (a == null || a.equals(b)) {
      return b;
    }
    List<DataType> numeric =
        List.of(DataTypes.IntegerType, DataTypes.LongType, DataTypes.DoubleType);
    int ia = numeric.indexOf(a);
    int ib = numeric.indexOf(b);
    if (ia >= 0 && ib >= 0) {
      return numeric.get(Math.max(ia, ib));
    }
    return DataTypes.StringType;
  }

  private static Expr valueOf(String raw, DataType type) {
    if (raw.equals(PartitionPaths.DEFAULT_PARTITION_NAME)) {
      return new Literal(null, type);
    }
    Literal text = Literal.of(unescape(raw));
    return type.equals(DataTypes.StringType) ? text : new Cast(text, type);
  }

  /** The inverse of {@link PartitionPaths#escape}: {@code %XX} back to its character. */
  static String unescape(String name) {
    if (name.indexOf('%') < 0) {
      return name;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(byte b) {
    return Character.digit((char) b, 16) >= 0;
  }
}
