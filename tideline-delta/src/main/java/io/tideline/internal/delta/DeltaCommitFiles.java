package io.tideline.internal.delta;

import io.delta.kernel.CommitActions;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.tideline.internal.errors.TidelineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one commit of a Delta table means to the streaming source: the files it adds with {@code
 * dataChange = true}, in the log's order, the first file it removes with {@code dataChange = true}
 * (a delete, an update or an overwrite, which the source refuses unless its options allow it), and
 * the schema of its {@code metaData} action if it has one.
 *
 * <p>Actions with {@code dataChange = false} (compaction, {@code OPTIMIZE}) are left out entirely:
 * they rearrange rows the stream has already read, as delta-spark's source ignores them.
 *
 * @param version the table version
 * @param timestampMs the commit's timestamp in epoch milliseconds
 * @param adds the data-changing files added, in the log's order
 * @param removedFile the path of the first data-changing {@code remove}, if any
 * @param schemaString the {@code schemaString} of the commit's {@code metaData}, if any
 */
record DeltaCommitFiles(
    long version,
    long timestampMs,
    List<AddedFile> adds,
    Optional<String> removedFile,
    Optional<String> schemaString) {

  DeltaCommitFiles {
    adds = List.copyOf(adds);
  }

  /**
   * Reads the commits of {@code table} from {@code startVersion} to the latest through Kernel, one
   * listing of the log. A missing or unreadable commit file fails naming the version and the file.
   *
   * @param shown the table as messages name it
   */
  static List<DeltaCommitFiles> readFrom(DeltaTable table, String shown, long startVersion) {
    List<DeltaCommitFiles> out = new ArrayList<>();
    try (CloseableIterator<CommitActions> commits =
        KernelInternals.commitActions(table.engine(), table.kernelPath(), startVersion)) {
      while (commits.hasNext()) {
        try (CommitActions commit = commits.next()) {
          out.add(read(table, commit));
        }
      }
    } catch (IOException e) {
      throw table.logFailure(new UncheckedIOException(e), startVersion, shown);
    } catch (TidelineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw table.logFailure(e, startVersion, shown);
    } catch (Exception e) {
      throw table.logFailure(new IllegalStateException(e), startVersion, shown);
    }
    return out;
  }

  private static DeltaCommitFiles read(DeltaTable table, CommitActions commit) throws IOException {
    List<AddedFile> adds = new ArrayList<>();
    String removed = null;
    String schemaString = null;
    try (CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
      while (batches.hasNext()) {
        ColumnarBatch batch = batches.next();
        StructType schema = batch.getSchema();
        ColumnVector add = batch.getColumnVector(schema.indexOf("add"));
        ColumnVector remove = batch.getColumnVector(schema.indexOf("remove"));
        ColumnVector metadata = batch.getColumnVector(schema.indexOf("metaData"));
        StructType addSchema = (StructType) add.getDataType();
        StructType removeSchema = (StructType) remove.getDataType();
        StructType metadataSchema = (StructType) metadata.getDataType();
        int rows = batch.getSize();
        for (int i = 0; i < rows; i++) {
          if (!add.isNullAt(i) && bool(add, addSchema, "dataChange", i)) {
            ColumnVector dv = add.getChild(addSchema.indexOf("deletionVector"));
            if (!dv.isNullAt(i)) {
              throw DeltaScan.deletionVectorsUnsupported(table);
            }
            adds.add(
                new AddedFile(
                    add.getChild(addSchema.indexOf("path")).getString(i),
                    DeltaScan.toMap(add.getChild(addSchema.indexOf("partitionValues")).getMap(i)),
                    add.getChild(addSchema.indexOf("size")).getLong(i),
                    add.getChild(addSchema.indexOf("modificationTime")).getLong(i)));
          } else if (removed == null
              && !remove.isNullAt(i)
              && bool(remove, removeSchema, "dataChange", i)) {
            removed = remove.getChild(removeSchema.indexOf("path")).getString(i);
          } else if (!metadata.isNullAt(i)) {
            schemaString = metadata.getChild(metadataSchema.indexOf("schemaString")).getString(i);
          }
        }
      }
    }
    return new DeltaCommitFiles(
        commit.getVersion(),
        commit.getTimestamp(),
        adds,
        Optional.ofNullable(removed),
        Optional.ofNullable(schemaString));
  }

  private static boolean bool(ColumnVector struct, StructType schema, String field, int row) {
    ColumnVector v = struct.getChild(schema.indexOf(field));
    // The protocol makes dataChange required; a writer that leaves it out means a change.
    return v.isNullAt(row) || v.getBoolean(row);
  }
}
