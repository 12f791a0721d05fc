package io.tideline.internal.exec;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.streaming.source.SourceSpec;
import io.tideline.types.StructType;
import java.nio.file.Path;

/** A streaming leaf for plans that tests drive batch by batch without a running query. */
record TestSourceSpec(StructType schema) implements SourceSpec {

  @Override
  public String format() {
    return "test";
  }

  @Override
  public String identity() {
    return "test";
  }

  @Override
  public Source createSource(Tideline session, Path metadataPath, Clock clock) {
    throw new UnsupportedOperationException("tests replace the relation per batch");
  }
}
