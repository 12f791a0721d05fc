package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.plan.FileRelation;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Project;
import io.tideline.types.DataTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileScanExecTest extends ExecTestSupport {
  @TempDir Path dir;

  private final Attribute a = attr("a", DataTypes.LongType);
  private final Attribute b = attr("b", DataTypes.LongType);
  private final Attribute c = attr("c", DataTypes.LongType);

  private Path write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void listFiles_recursesAndSkipsHiddenAndMetadataNames() throws IOException {
    Path one = write("part-0.lines", "1,2,3\n");
    Path two = write("year=2024/part-1.lines", "4,5,6\n");
    write("_SUCCESS", "");
    write(".part-0.lines.crc", "x");
    write("_temporary/part-9.lines", "7,8,9\n");
    write(".hidden/part-8.lines", "7,8,9\n");
    assertThat(FileScanExec.listFiles(List.of(dir))).containsExactly(one, two);
  }

  @Test
  void listFiles_missingPath_failsWithPathNotFound() {
    assertThatThrownBy(() -> FileScanExec.listFiles(List.of(dir.resolve("nope"))))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("PATH_NOT_FOUND");
              assertThat(e.getMessage()).contains("nope");
            });
  }

  @Test
  void planSplits_splittableFile_cutIntoMaxPartitionBytes() throws IOException {
    Path f = write("big.lines", "x".repeat(25));
    assertThat(FileScanExec.planSplits(List.of(f), true, 10))
        .containsExactly(
            new FileSplit(f, 0, 10, 25), new FileSplit(f, 10, 10, 25), new FileSplit(f, 20, 5, 25));
    assertThat(FileScanExec.planSplits(List.of(f), false, 10))
        .containsExactly(new FileSplit(f, 0, 25, 25));
  }

  @Test
  void maxSplitBytes_followsSparkFormula_capOrBytesPerCoreOrOpenCost() throws IOException {
    long mb = 1024 * 1024;
    Path a = sized("a.lines", 20 * mb);
    Path b = sized("b.lines", 20 * mb);
    // Large input: the cap wins.
    assertThat(FileScanExec.maxSplitBytes(List.of(a, b), 8 * mb, 2)).isEqualTo(8 * mb);
    // Bytes per core, counting 4 MB of open cost per file: (40 + 8) MB / 8 cores.
    assertThat(FileScanExec.maxSplitBytes(List.of(a, b), 32 * mb, 8)).isEqualTo(6 * mb);
    // Never below the open cost.
    assertThat(FileScanExec.maxSplitBytes(List.of(a), 32 * mb, 64)).isEqualTo(4 * mb);
  }

  private Path sized(String name, long bytes) throws IOException {
    Path p = dir.resolve(name);
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return p;
  }

  @Test
  void packSplits_countsOpenCostPerFile_likeSpark() {
    long mb = 1024 * 1024;
    List<FileSplit> splits =
        List.of(
            new FileSplit(Path.of("a"), 0, mb, mb),
            new FileSplit(Path.of("b"), 0, 2 * mb, 2 * mb),
            new FileSplit(Path.of("c"), 0, mb / 2, mb / 2),
            new FileSplit(Path.of("d"), 0, 9 * mb, 9 * mb));
    List<List<FileSplit>> parts = FileScanExec.packSplits(splits, 10 * mb);
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0)).extracting(FileSplit::path).containsExactly(Path.of("d"));
    assertThat(parts.get(1))
        .extracting(FileSplit::path)
        .containsExactly(Path.of("b"), Path.of("a"));
    assertThat(parts.get(2)).extracting(FileSplit::path).containsExactly(Path.of("c"));
  }

  @Test
  void scan_readsOnlyColumnsThePlanNeeds() throws IOException {
    write("p0.lines", "1,10,100\n2,,200\n");
    write("sub/p1.lines", "3,30,300\n");
    FileRelation rel = new FileRelation("testlines", List.of(dir), Map.of(), List.of(a, b, c));
    Project p =
        new Project(
            List.of(new Alias(new BinaryOp(BinaryOperator.ADD, c, Literal.of(1L)), "c1")),
            new Filter(new BinaryOp(BinaryOperator.GT, a, Literal.of(1L)), rel));
    TestLinesFormat.REQUESTED.clear();
    QueryExecution qe = execution(p, conf());
    assertThat(rowsOf(qe.collect())).containsExactlyInAnyOrder(list(201L), list(301L));
    assertThat(TestLinesFormat.REQUESTED)
        .allSatisfy(s -> assertThat(s.fieldNames()).containsExactly("a", "c"));
    assertThat(qe.explainString(false))
        .contains("FileScan testlines [a#" + a.exprId() + ",c#" + c.exprId() + "] Batched: true")
        .contains("ReadSchema: struct<a:bigint,c:bigint>");
  }

  @Test
  void scan_unknownFormat_namesTheKnownOnes() {
    FileRelation rel = new FileRelation("nosuch", List.of(dir), Map.of(), List.of(a));
    assertThatThrownBy(() -> execution(rel, conf()).collect())
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("UNSUPPORTED_FILE_FORMAT");
              assertThat(e.getMessage()).contains("testlines");
            });
  }
}
