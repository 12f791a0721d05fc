package io.tideline.internal.catalog;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The errors of the session catalog, with Spark's condition names. */
public final class CatalogErrors {
  private CatalogErrors() {}

  /** Conditions raised by the catalog. */
  public enum Condition implements ErrorCondition {
    INVALID_SCHEMA_OR_RELATION_NAME(
        "42602",
        "<name> is not a valid name for tables/schemas. Valid names only contain alphabet"
            + " characters, numbers and _, as `table` or `schema.table`."),
    TABLE_OR_VIEW_NOT_FOUND(
        "42P01",
        "The table or view <relationName> cannot be found in the warehouse <warehouse>. Tables"
            + " that exist: [<known>]. Check the name and the session's warehouse folder, or"
            + " create the table by writing to it (toTable, saveAsTable); a memory sink's table"
            + " exists once its query has started, under the query's queryName."),
    UNSUPPORTED_TABLE_FORMAT(
        "0A000",
        "Table <relationName> cannot be written with format <format>: catalog tables are Delta"
            + " tables. Use format(\"delta\") (the default for toTable and saveAsTable), or"
            + " start(path)/save(path) to write <format> files to a folder.");

    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return name();
    }

    @Override
    public String sqlState() {
      return sqlState;
    }

    @Override
    public String template() {
      return template;
    }
  }

  static AnalysisException invalidName(String name) {
    return new AnalysisException(
        Condition.INVALID_SCHEMA_OR_RELATION_NAME, Map.of("name", "`" + name + "`"));
  }

  /** A table found neither among the session's memory tables nor in the warehouse. */
  public static AnalysisException tableNotFound(
      TableIdentifier id, Path warehouse, List<String> known) {
    return new AnalysisException(
        Condition.TABLE_OR_VIEW_NOT_FOUND,
        Map.of(
            "relationName",
            "`" + id.schema() + "`.`" + id.table() + "`",
            "warehouse",
            warehouse.toString(),
            "known",
            String.join(", ", known)));
  }

  /** A catalog table written with a format other than Delta. */
  public static AnalysisException unsupportedFormat(String name, String format) {
    return new AnalysisException(
        Condition.UNSUPPORTED_TABLE_FORMAT,
        Map.of("relationName", "`" + name + "`", "format", format));
  }
}
