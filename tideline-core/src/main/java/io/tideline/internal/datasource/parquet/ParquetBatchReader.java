package io.tideline.internal.datasource.parquet;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.Leaf;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.ListNode;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.MapNode;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.Node;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.StructNode;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the row groups of one split into batches of the required columns, straight from the column
 * chunks: only the requested leaf columns are fetched and decoded, and values go from each column
 * reader into vectors with no row or record objects in between ({@link LeafAssembler}).
 *
 * <p>A split owns the row groups whose midpoint lies in it, as Spark (through parquet-mr's range
 * filter) decides, so splits that tile a file read every row group once. A batch never spans two
 * row groups.
 */
final class ParquetBatchReader implements BatchIterator {
  private final ParquetFileReader reader;
  private final FileSplit split;
  private final MessageType fileSchema;
  private final String createdBy;
  private final List<Integer> rowGroups = new ArrayList<>();
  private final int batchSize;
  private final StructType required;
  private final ColumnVector[] vectors;
  private final Node[] nodes;
  private final List<LeafAssembler> leaves = new ArrayList<>();
  private final List<StructNode> structsWithMissing = new ArrayList<>();
  private final List<StructVector> structVectors = new ArrayList<>();

  private int nextRowGroup;
  private int currentRowGroup = -1;
  private long rowsLeftInGroup;

  ParquetBatchReader(
      ParquetFileReader reader, FileSplit split, StructType required, int batchSize) {
    this.reader = reader;
    this.split = split;
    this.required = required;
    this.batchSize = batchSize;
    this.fileSchema = reader.getFooter().getFileMetaData().getSchema();
    this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
    long start = split.start();
    long end = start + split.length();
    List<BlockMetaData> blocks = reader.getFooter().getBlocks();
    for (int i = 0; i < blocks.size(); i++) {
      BlockMetaData b = blocks.get(i);
      long mid = b.getStartingPos() + b.getCompressedSize() / 2;
      if (mid >= start && mid < end) {
        rowGroups.add(i);
      }
    }
    this.nodes = ParquetColumnTree.build(required, fileSchema, split.path());
    this.vectors = new ColumnVector[required.size()];
    Set<Node> owned = new HashSet<>();
    List<ColumnDescriptor> columns = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      vectors[i] = ColumnVector.allocate(required.field(i).dataType(), batchSize);
      if (nodes[i] != null) {
        collect(nodes[i], new ArrayList<>(), new ArrayList<>(), owned, vectors[i], columns);
        collectStructs(nodes[i], vectors[i]);
      }
    }
    reader.setRequestedSchema(columns);
  }

  /** Creates one assembler per leaf under {@code n}, in depth-first order. */
  private void collect(
      Node n,
      List<Node> path,
      List<Integer> childIndex,
      Set<Node> owned,
      ColumnVector top,
      List<ColumnDescriptor> columns) {
    path.add(n);
    if (n instanceof Leaf leaf) {
      Node[] p = path.toArray(new Node[0]);
      int[] ci = new int[p.length];
      boolean[] owner = new boolean[p.length];
      for (int k = 0; k < p.length; k++) {
        ci[k] = k < childIndex.size() ? childIndex.get(k) : -1;
        if ((p[k] instanceof ListNode || p[k] instanceof MapNode) && owned.add(p[k])) {
          owner[k] = true;
        }
      }
      leaves.add(
          new LeafAssembler(p, ci, owner, top, new LeafValueReader(leaf.parquetType, leaf.type)));
      columns.add(leaf.column);
    } else if (n instanceof StructNode s) {
      for (int i = 0; i < s.children.length; i++) {
        if (s.children[i] != null) {
          childIndex.add(i);
          collect(s.children[i], path, childIndex, owned, top, columns);
          childIndex.remove(childIndex.size() - 1);
        }
      }
    } else if (n instanceof ListNode l) {
      childIndex.add(0);
      collect(l.element, path, childIndex, owned, top, columns);
      childIndex.remove(childIndex.size() - 1);
    } else if (n instanceof MapNode m) {
      childIndex.add(0);
      collect(m.key, path, childIndex, owned, top, columns);
      childIndex.remove(childIndex.size() - 1);
      if (m.value != null) {
        childIndex.add(1);
        collect(m.value, path, childIndex, owned, top, columns);
        childIndex.remove(childIndex.size() - 1);
      }
    }
    path.remove(path.size() - 1);
  }

  /** Finds the structs with fields the file lacks, to null-fill those fields per batch. */
  private void collectStructs(Node n, ColumnVector v) {
    if (n instanceof ListNode l) {
      collectStructs(l.element, ((io.tideline.internal.vector.ArrayVector) v).elements());
    } else if (n instanceof MapNode m && m.value != null) {
      collectStructs(m.value, ((io.tideline.internal.vector.MapVector) v).values());
    } else if (n instanceof StructNode s) {
      StructVector sv = (StructVector) v;
      if (s.hasMissingChildren()) {
        structsWithMissing.add(s);
        structVectors.add(sv);
      }
      for (int i = 0; i < s.children.length; i++) {
        if (s.children[i] != null) {
          collectStructs(s.children[i], sv.child(i));
        }
      }
    }
  }

  @Override
  public Batch next() {
    try {
      while (rowsLeftInGroup == 0) {
        if (nextRowGroup >= rowGroups.size()) {
          return null;
        }
        currentRowGroup = rowGroups.get(nextRowGroup++);
        PageReadStore pages = reader.readRowGroup(currentRowGroup);
        rowsLeftInGroup = pages.getRowCount();
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(pages, new NoOpConverters(fileSchema), fileSchema, createdBy);
        for (LeafAssembler a : leaves) {
          a.setReader(store.getColumnReader(a.leaf().column));
        }
      }
      int rows = (int) Math.min(batchSize, rowsLeftInGroup);
      for (ColumnVector v : vectors) {
        v.reset();
        v.ensureCapacity(rows);
      }
      for (StructNode s : structsWithMissing) {
        s.slots = 0;
      }
      for (LeafAssembler a : leaves) {
        a.readBatch(rows);
      }
      for (int i = 0; i < nodes.length; i++) {
        if (nodes[i] == null) {
          for (int r = 0; r < rows; r++) {
            vectors[i].setNull(r);
          }
        }
      }
      for (int i = 0; i < structsWithMissing.size(); i++) {
        StructNode s = structsWithMissing.get(i);
        StructVector sv = structVectors.get(i);
        for (int c = 0; c < s.children.length; c++) {
          if (s.children[c] == null) {
            ColumnVector child = sv.child(c);
            child.ensureCapacity(s.slots);
            for (int r = 0; r < s.slots; r++) {
              child.setNull(r);
            }
          }
        }
      }
      rowsLeftInGroup -= rows;
      return new Batch(vectors, rows);
    } catch (IOException | RuntimeException e) {
      if (e instanceof io.tideline.internal.errors.TidelineException t) {
        throw t;
      }
      throw FileErrors.failedRead(
          "parquet",
          split.path(),
          "row group "
              + currentRowGroup
              + ": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw FileErrors.failedRead("parquet", split.path(), e);
    }
  }

  StructType requiredSchema() {
    return required;
  }
}
