package io.tideline.internal.state;

import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * The key and value schemas of one store, kept at {@code <state>/<op>/0[/<storeName>]/_metadata/
 * schema} (where Spark keeps its state schema) and checked when a query restarts: {@link RowCodec}
 * bytes carry no schema, so state written with other types must never be decoded.
 *
 * <p>Format, version 1, UTF-8 text: {@code v1}; {@code key-shape: <shape>}; {@code value-shape:
 * <shape>}; {@code key: <DDL>}; {@code value: <DDL>}. A shape is the schema's types without field
 * names or nullability (what decides the encoding), e.g. {@code struct<bigint,array<string>>};
 * compatibility is equality of shapes. The DDL lines are for messages. Written once, atomically,
 * when a store of the operator is first used.
 */
final class StateSchemaFile {
  static final int FORMAT_VERSION = 1;

  private StateSchemaFile() {}

  static Path location(Path checkpointStateDir, long operatorId, String storeName) {
    return new StateStoreId(checkpointStateDir, operatorId, 0, storeName)
        .dir()
        .resolve("_metadata")
        .resolve("schema");
  }

  /** The encoding-relevant form of a type: its types without names and nullability. */
  static String shape(DataType type) {
    if (type instanceof StructType s) {
      StringBuilder sb = new StringBuilder("struct<");
      List<StructField> fields = s.fields();
      for (int i = 0; i < fields.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(shape(fields.get(i).dataType()));
      }
      return sb.append('>').toString();
    }
    if (type instanceof ArrayType a) {
      return "array<" + shape(a.elementType()) + ">";
    }
    if (type instanceof MapType m) {
      return "map<" + shape(m.keyType()) + "," + shape(m.valueType()) + ">";
    }
    if (type instanceof DecimalType d) {
      return "decimal(" + d.precision() + "," + d.scale() + ")";
    }
    return type.simpleString();
  }

  private static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  /**
   * Checks {@code keySchema} and {@code valueSchema} against the stored schemas of the store, or
   * stores them if none are stored yet.
   */
  static void checkOrWrite(
      StateStoreId store, Path file, StructType keySchema, StructType valueSchema) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      write(store, file, keySchema, valueSchema);
      return;
    } catch (IOException e) {
      throw StateStoreErrors.corruptFile(store, 0, file, "cannot read it: " + e, e);
    }
    if (lines.size() < 5 || !lines.get(0).startsWith("v")) {
      throw StateStoreErrors.corruptFile(store, 0, file, "it is not a state schema file", null);
    }
    int version;
    try {
      version = Integer.parseInt(lines.get(0).substring(1));
    } catch (NumberFormatException e) {
      throw StateStoreErrors.corruptFile(store, 0, file, "it is not a state schema file", e);
    }
    if (version > FORMAT_VERSION) {
      throw StateStoreErrors.newerFormat(store, 0, file, version, FORMAT_VERSION);
    }
    String storedKeyShape = value(lines.get(1), "key-shape: ");
    String storedValueShape = value(lines.get(2), "value-shape: ");
    if (!storedKeyShape.equals(shape(keySchema))) {
      throw StateStoreErrors.keySchemaNotCompatible(
          store, value(lines.get(3), "key: "), keySchema.toDDL());
    }
    if (!storedValueShape.equals(shape(valueSchema))) {
      throw StateStoreErrors.valueSchemaNotCompatible(
          store, value(lines.get(4), "value: "), valueSchema.toDDL());
    }
  }

  private static String value(String line, String prefix) {
    return line.startsWith(prefix) ? line.substring(prefix.length()) : line;
  }

  private static void write(
      StateStoreId store, Path file, StructType keySchema, StructType valueSchema) {
    String content =
        "v"
            + FORMAT_VERSION
            + "\nkey-shape: "
            + shape(keySchema)
            + "\nvalue-shape: "
            + shape(valueSchema)
            + "\nkey: "
            + oneLine(keySchema.toDDL())
            + "\nvalue: "
            + oneLine(valueSchema.toDDL())
            + "\n";
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file);
      }
    } catch (FileAlreadyExistsException e) {
      // Another task of the first batch wrote it first; with the same schemas, as both are this
      // query's.
    } catch (IOException e) {
      throw StateStoreErrors.cannotCommit(store, 0, file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A leftover temporary file is never read.
        }
      }
    }
  }
}
