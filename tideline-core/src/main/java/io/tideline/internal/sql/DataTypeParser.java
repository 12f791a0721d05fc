package io.tideline.internal.sql;

import io.tideline.types.DataType;
import io.tideline.types.StructType;

/** Parses Spark SQL type strings and DDL schemas; {@link SqlParser} does the work. */
public final class DataTypeParser {
  private DataTypeParser() {}

  /**
   * Parses {@code "a INT, b STRING"} or {@code "struct<a:int,b:string>"}.
   *
   * @throws ParseException with the position of the first error
   */
  public static StructType parseSchema(String ddl) {
    return SqlParser.parseTableSchema(ddl);
  }

  /**
   * Parses one type, {@code "decimal(10,2)"}, {@code "array<string>"}.
   *
   * @throws ParseException with the position of the first error
   */
  public static DataType parseType(String type) {
    return SqlParser.parseDataType(type);
  }
}
