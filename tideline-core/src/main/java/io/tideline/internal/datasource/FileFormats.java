package io.tideline.internal.datasource;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file formats by name. Built-in formats are listed in {@code
 * META-INF/services/io.tideline.internal.datasource.FileFormat} and found by {@link ServiceLoader},
 * so the registry names no implementation.
 */
public final class FileFormats {
  private static final Map<String, FileFormat> FORMATS = load();

  private FileFormats() {}

  private static Map<String, FileFormat> load() {
    Map<String, FileFormat> formats = new ConcurrentHashMap<>();
    for (FileFormat f : ServiceLoader.load(FileFormat.class, FileFormats.class.getClassLoader())) {
      formats.put(f.name().toLowerCase(Locale.ROOT), f);
    }
    return formats;
  }

  /** The format named {@code name} (case-insensitive), or null. */
  public static FileFormat find(String name) {
    return FORMATS.get(name.toLowerCase(Locale.ROOT));
  }

  public static Set<String> names() {
    return Set.copyOf(FORMATS.keySet());
  }
}
