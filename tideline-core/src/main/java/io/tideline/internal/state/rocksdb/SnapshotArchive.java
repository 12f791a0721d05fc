package io.tideline.internal.state.rocksdb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes {@code <version>.zip}: a RocksDB checkpoint of one store version packed into one
 * file, so that publishing it is one atomic rename.
 *
 * <p>Layout: the checkpoint's files (SSTs, {@code CURRENT}, {@code MANIFEST-*}, {@code OPTIONS-*})
 * as stored entries (SSTs are compressed by RocksDB already), then {@value #MANIFEST}, a properties
 * file with the format version, the store version, the exact key count and each file's size. The
 * manifest comes last, so a truncated archive lacks it; every entry carries a CRC-32 that unpacking
 * verifies.
 */
final class SnapshotArchive {
  static final String SUFFIX = ".zip";
  static final String MANIFEST = "tideline-rocksdb-snapshot.properties";
  static final int FORMAT_VERSION = 1;

  private SnapshotArchive() {}

  static Path file(Path dir, long version) {
    return dir.resolve(version + SUFFIX);
  }

  /** Why an archive cannot be used; {@link #foundFormat} is set for a newer format. */
  static final class BadArchive extends Exception {
    private static final long serialVersionUID = 1L;
    final int foundFormat;

    BadArchive(String reason, int foundFormat, Throwable cause) {
      super(reason, cause);
      this.foundFormat = foundFormat;
    }
  }

  /**
   * Packs every file of {@code checkpointDir} into a temporary file next to {@code target}, for the
   * caller to publish or delete; returns the temporary file.
   */
  static Path writeTemp(Path checkpointDir, Path target, long version, long numKeys, boolean fsync)
      throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(checkpointDir)) {
      listing.forEach(files::add);
    }
    files.sort(null);
    boolean written = false;
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel));
      StringBuilder manifest = new StringBuilder();
      manifest
          .append("formatVersion=")
          .append(FORMAT_VERSION)
          .append("\nversion=")
          .append(version)
          .append("\nnumKeys=")
          .append(numKeys)
          .append('\n');
      byte[] buffer = new byte[1 << 16];
      for (Path file : files) {
        String name = file.getFileName().toString();
        long size = Files.size(file);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc(file, buffer));
        zip.putNextEntry(entry);
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
        manifest.append("file.").append(name).append('=').append(size).append('\n');
      }
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.finish();
      zip.flush();
      if (fsync) {
        channel.force(true);
      }
      written = true;
    } finally {
      if (!written) {
        Files.deleteIfExists(temp);
      }
    }
    return temp;
  }

  private static long crc(Path file, byte[] buffer) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }

  /**
   * Unpacks the archive of store version {@code version} into {@code dbDir} (created) and returns
   * the version's key count; the archive must exist.
   */
  static long unpack(Path archive, long version, Path dbDir) throws BadArchive, IOException {
    Files.createDirectories(dbDir);
    Map<String, Long> sizes = new HashMap<>();
    String manifestText = null;
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
          throw new BadArchive(
              "it holds an entry with the unexpected name '" + name + "'", 0, null);
        }
        if (name.equals(MANIFEST)) {
          manifestText = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
          continue;
        }
        try (OutputStream out = Files.newOutputStream(dbDir.resolve(name))) {
          sizes.put(name, zip.transferTo(out));
        }
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new BadArchive("it is not a readable zip file (" + e.getMessage() + ")", 0, e);
    }
    if (manifestText == null) {
      throw new BadArchive("it has no " + MANIFEST + " (truncated?)", 0, null);
    }
    return checkManifest(manifestText, version, sizes);
  }

  private static long checkManifest(String text, long version, Map<String, Long> sizes)
      throws BadArchive {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
      int format = Integer.parseInt(p.getProperty("formatVersion", "0"));
      if (format != FORMAT_VERSION) {
        throw new BadArchive("unsupported snapshot format version " + format, format, null);
      }
      long found = Long.parseLong(p.getProperty("version", "-1"));
      if (found != version) {
        throw new BadArchive(
            "it holds version " + found + " where version " + version + " was expected", 0, null);
      }
      int listed = 0;
      for (String key : p.stringPropertyNames()) {
        if (!key.startsWith("file.")) {
          continue;
        }
        listed++;
        String name = key.substring("file.".length());
        Long size = sizes.get(name);
        long expected = Long.parseLong(p.getProperty(key));
        if (size == null || size != expected) {
          throw new BadArchive(
              "its file "
                  + name
                  + " is "
                  + (size == null ? "missing" : size + " bytes, not " + expected),
              0,
              null);
        }
      }
      if (listed != sizes.size()) {
        throw new BadArchive("it holds files its manifest does not list", 0, null);
      }
      return Long.parseLong(p.getProperty("numKeys", "-1"));
    } catch (IOException | NumberFormatException e) {
      throw new BadArchive("its manifest is unreadable (" + e + ")", 0, e);
    }
  }
}
