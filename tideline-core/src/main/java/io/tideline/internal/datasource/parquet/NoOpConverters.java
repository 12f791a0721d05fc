package io.tideline.internal.datasource.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * Converters that receive nothing: {@code ColumnReadStoreImpl} insists on a converter tree
 * mirroring the schema, but the batch reader pulls values from the column readers itself.
 */
final class NoOpConverters extends GroupConverter {
  private final Converter[] children;

  NoOpConverters(GroupType group) {
    children = new Converter[group.getFieldCount()];
    for (int i = 0; i < children.length; i++) {
      Type t = group.getType(i);
      children[i] =
          t.isPrimitive() ? new PrimitiveConverter() {} : new NoOpConverters(t.asGroupType());
    }
  }

  @Override
  public Converter getConverter(int fieldIndex) {
    return children[fieldIndex];
  }

  @Override
  public void start() {}

  @Override
  public void end() {}
}
