package io.tideline.internal.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A table's name in the session catalog: a schema (Spark's database, {@code default} when the name
 * has one part) and a table, both lower-cased because Spark's session catalog ignores case.
 *
 * <p>Each part may hold letters, digits and underscores only, optionally inside backticks. That is
 * the rule Spark's session catalog applies to names it stores, and it is also what keeps a name
 * from reaching outside the warehouse folder: no separators, no {@code ..}, nothing empty.
 */
public record TableIdentifier(String schema, String table) {

  /** The schema of a one-part name. */
  public static final String DEFAULT_SCHEMA = "default";

  /** Spark's name for its session catalog, accepted as the first part of a three-part name. */
  private static final String SESSION_CATALOG = "spark_catalog";

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]+");

  /**
   * Parses {@code table}, {@code schema.table} or {@code spark_catalog.schema.table}.
   *
   * @throws io.tideline.AnalysisException {@code INVALID_SCHEMA_OR_RELATION_NAME} for anything else
   */
  public static TableIdentifier parse(String name) {
    if (name == null) {
      throw CatalogErrors.invalidName("null");
    }
    String[] parts = name.trim().split("\\.", -1);
    if (parts.length == 3 && unquote(parts[0]).equalsIgnoreCase(SESSION_CATALOG)) {
      parts = new String[] {parts[1], parts[2]};
    }
    if (parts.length < 1 || parts.length > 2) {
      throw CatalogErrors.invalidName(name);
    }
    String[] clean = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = unquote(parts[i].trim());
      if (!PART.matcher(p).matches()) {
        throw CatalogErrors.invalidName(name);
      }
      clean[i] = p.toLowerCase(Locale.ROOT);
    }
    return clean.length == 1
        ? new TableIdentifier(DEFAULT_SCHEMA, clean[0])
        : new TableIdentifier(clean[0], clean[1]);
  }

  private static String unquote(String part) {
    return part.length() >= 2 && part.startsWith("`") && part.endsWith("`")
        ? part.substring(1, part.length() - 1)
        : part;
  }

  /** {@code schema.table}, as errors and listings show it. */
  public String qualified() {
    return schema + "." + table;
  }

  @Override
  public String toString() {
    return qualified();
  }
}
