package io.tideline.internal.streaming.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One file found by listing the source folder.
 *
 * @param path the file's URI ({@code file:///...})
 * @param size bytes
 * @param modificationTimeMs epoch milliseconds
 */
public record SourceFile(String path, long size, long modificationTimeMs) {

  /** The listing entry of a regular file, from attributes the caller already read. */
  public static SourceFile of(Path file, BasicFileAttributes attributes) {
    return new SourceFile(
        FilePaths.toUri(file), attributes.size(), attributes.lastModifiedTime().toMillis());
  }

  /**
   * The data files directly in a folder, in no particular order. Skips sub-folders and, as Spark's
   * file index does, names starting with {@code .} or {@code _} (hidden files, {@code _SUCCESS},
   * {@code _spark_metadata}) and files still being copied ({@code ._COPYING_}).
   *
   * @throws IOException if the folder cannot be listed
   */
  public static List<SourceFile> listFolder(Path folder) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_") || name.endsWith("._COPYING_")) {
          continue;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
          files.add(
              new SourceFile(
                  FilePaths.toUri(file),
                  attributes.size(),
                  attributes.lastModifiedTime().toMillis()));
        }
      }
    }
    return files;
  }
}
