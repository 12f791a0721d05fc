package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only file format: each line holds comma-separated BIGINTs, one per column of the data
 * schema; empty fields are null. Records the schemas it was asked to read, so tests can check
 * column pruning.
 */
public final class TestLinesFormat implements FileFormat {
  static final List<StructType> REQUESTED = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "testlines";
  }

  @Override
  public boolean isSplittable(Map<String, String> options) {
    return false;
  }

  @Override
  public StructType inferSchema(List<Path> files, Map<String, String> options, TidelineConf conf) {
    throw new UnsupportedOperationException("tests give the schema");
  }

  @Override
  public io.tideline.internal.exec.BatchIterator open(
      FileSplit split,
      StructType dataSchema,
      StructType requiredSchema,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    REQUESTED.add(requiredSchema);
    List<String> lines = Files.readAllLines(split.path());
    int[] fields = new int[requiredSchema.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = dataSchema.fieldIndex(requiredSchema.field(i).name());
    }
    ColumnVector[] cols = new ColumnVector[fields.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] =
          ColumnVector.allocate(requiredSchema.field(i).dataType(), Math.max(1, lines.size()));
    }
    for (int r = 0; r < lines.size(); r++) {
      String[] parts = lines.get(r).split(",", -1);
      for (int i = 0; i < cols.length; i++) {
        String p = parts[fields[i]];
        cols[i].setObject(r, p.isEmpty() ? null : Long.parseLong(p));
      }
    }
    Batch batch = new Batch(cols, lines.size());
    return new io.tideline.internal.exec.BatchIterator() {
      boolean done;

      @Override
      public Batch next() {
        if (done) {
          return null;
        }
        done = true;
        return batch;
      }
    };
  }

  @Override
  public BatchWriter newWriter(
      Path file, StructType schema, Map<String, String> options, TidelineConf conf) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String extension(Map<String, String> options) {
    return ".lines";
  }
}
