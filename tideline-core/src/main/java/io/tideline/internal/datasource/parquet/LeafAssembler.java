package io.tideline.internal.datasource.parquet;

import io.tideline.internal.datasource.parquet.ParquetColumnTree.Leaf;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.ListNode;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.MapNode;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.Node;
import io.tideline.internal.datasource.parquet.ParquetColumnTree.StructNode;
import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.MapVector;
import io.tideline.internal.vector.StructVector;
import org.apache.parquet.column.ColumnReader;

/**
 * Reads one leaf column's values, with their repetition and definition levels, into the vectors on
 * the path from its top-level column down to it (Dremel record assembly, column by column).
 *
 * <p>For each value: repetition level 0 starts a new row; level {@code R} starts a new element of
 * the list or map whose {@code repLevel} is {@code R}. From there the path is walked down: a node
 * whose {@code defLevel} the value's definition level does not reach is null (and so is everything
 * below it on the same slot); a list or map either is empty or gets its first element; the leaf
 * gets the value. Struct children share their parent's slot; list and map elements get the next
 * slot of the element (entry) vectors.
 *
 * <p>Several leaves under one list (a list of structs) must agree on element slots: the first leaf
 * under a list or map (its owner) reserves elements and writes the offsets; the others count the
 * same elements in the same order and so reach the same slots.
 */
final class LeafAssembler {
  private final Leaf leaf;
  private final Node[] path;
  private final int[] childIndex;
  private final boolean[] owner;
  private final ColumnVector[] vectors;
  private final int[] slot;
  private final int[] counter;
  private final int[] listSlot;
  private final int[] listStart;
  private final int[] listLength;

  /** Path index of the list or map node for each repetition level. */
  private final int[] repToIndex;

  private final LeafValueReader values;
  private ColumnReader reader;
  private long remaining;

  LeafAssembler(
      Node[] path, int[] childIndex, boolean[] owner, ColumnVector top, LeafValueReader values) {
    this.path = path;
    this.childIndex = childIndex;
    this.owner = owner;
    this.leaf = (Leaf) path[path.length - 1];
    this.values = values;
    int n = path.length;
    this.vectors = new ColumnVector[n];
    vectors[0] = top;
    for (int k = 1; k < n; k++) {
      Node parent = path[k - 1];
      ColumnVector pv = vectors[k - 1];
      if (parent instanceof StructNode) {
        vectors[k] = ((StructVector) pv).child(childIndex[k - 1]);
      } else if (parent instanceof ListNode) {
        vectors[k] = ((ArrayVector) pv).elements();
      } else if (parent instanceof MapNode) {
        vectors[k] = childIndex[k - 1] == 0 ? ((MapVector) pv).keys() : ((MapVector) pv).values();
      }
    }
    this.slot = new int[n];
    this.counter = new int[n];
    this.listSlot = new int[n];
    this.listStart = new int[n];
    this.listLength = new int[n];
    this.repToIndex = new int[leaf.column.getMaxRepetitionLevel() + 1];
    for (int k = 0; k < n; k++) {
      if (path[k] instanceof ListNode l) {
        repToIndex[l.repLevel] = k;
      } else if (path[k] instanceof MapNode m) {
        repToIndex[m.repLevel] = k;
      }
    }
  }

  Leaf leaf() {
    return leaf;
  }

  /** Starts a new row group. */
  void setReader(ColumnReader reader) {
    this.reader = reader;
    this.remaining = reader.getTotalValueCount();
  }

  /** Reads the values of the next {@code rows} rows (the vectors were reset for the batch). */
  void readBatch(int rows) {
    java.util.Arrays.fill(counter, 0);
    int maxDef = leaf.column.getMaxDefinitionLevel();
    if (path.length == 1) {
      // A flat column: one value per row, no assembly.
      values.readFlat(reader, vectors[0], rows, maxDef);
      remaining -= rows;
      return;
    }
    int row = -1;
    while (remaining > 0) {
      int r = reader.getCurrentRepetitionLevel();
      if (r == 0) {
        if (row + 1 == rows) {
          break;
        }
        row++;
      }
      int d = reader.getCurrentDefinitionLevel();
      int k;
      if (r == 0) {
        k = 0;
        slot[0] = row;
      } else {
        int li = repToIndex[r];
        int e = nextElement(li);
        k = li + 1;
        slot[k] = e;
      }
      descend(k, d, maxDef);
      reader.consume();
      remaining--;
    }
  }

  private int nextElement(int li) {
    int e = counter[li]++;
    if (owner[li]) {
      reserve(li);
      listLength[li]++;
      setSlice(li, listSlot[li], listStart[li], listLength[li]);
    }
    return e;
  }

  private void reserve(int li) {
    if (path[li] instanceof ListNode) {
      ((ArrayVector) vectors[li]).reserveElements(1);
    } else {
      ((MapVector) vectors[li]).reserveEntries(1);
    }
  }

  private void setSlice(int li, int s, int start, int len) {
    if (path[li] instanceof ListNode) {
      ((ArrayVector) vectors[li]).setSlice(s, start, len);
    } else {
      ((MapVector) vectors[li]).setSlice(s, start, len);
    }
  }

  private void descend(int from, int d, int maxDef) {
    for (int k = from; k < path.length; k++) {
      Node n = path[k];
      int s = slot[k];
      if (n instanceof StructNode st && st.slots <= s) {
        st.slots = s + 1;
      }
      if (d < n.defLevel) {
        setNullDown(k, s);
        return;
      }
      if (n instanceof StructNode) {
        slot[k + 1] = s;
      } else if (n instanceof ListNode || n instanceof MapNode) {
        int elementDef = n instanceof ListNode l ? l.elementDef : ((MapNode) n).entryDef;
        if (d < elementDef) {
          if (owner[k]) {
            setSlice(k, s, counter[k], 0);
          }
          return;
        }
        listSlot[k] = s;
        listStart[k] = counter[k];
        listLength[k] = 0;
        slot[k + 1] = nextElement(k);
      } else {
        if (d == maxDef) {
          values.read(reader, vectors[k], s);
        } else {
          vectors[k].setNull(s);
        }
      }
    }
  }

  /** Marks slot {@code s} null from node {@code k} down to the next list or map (inclusive). */
  private void setNullDown(int k, int s) {
    for (int j = k; j < path.length; j++) {
      vectors[j].setNull(s);
      if (path[j] instanceof StructNode st && st.slots <= s) {
        st.slots = s + 1;
      }
      if (path[j] instanceof ListNode || path[j] instanceof MapNode) {
        return;
      }
    }
  }
}
