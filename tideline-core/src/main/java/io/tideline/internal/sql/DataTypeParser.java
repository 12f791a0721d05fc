package io.tideline.internal.sql;

import io.tideline.types.DataType;
import io.tideline.types.StructType;

/** Parses Spark SQL type strings and DDL schemas. */
public final class DataTypeParser {
  private DataTypeParser() {}

  public static StructType parseSchema(String ddl) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static DataType parseType(String type) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
