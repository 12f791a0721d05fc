package io.tideline.internal.streaming.source;

import io.tideline.connector.SourceProvider;
import io.tideline.internal.streaming.StreamingErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds a {@link SourceProvider} by its {@code format(...)} name. */
public final class SourceProviders {

  private SourceProviders() {}

  /** The provider of {@code format}, matched case-insensitively. */
  public static SourceProvider forFormat(String format) {
    List<SourceProvider> all = all();
    for (SourceProvider p : all) {
      if (p.shortName().equalsIgnoreCase(format)) {
        return p;
      }
    }
    TreeSet<String> names = new TreeSet<>();
    for (SourceProvider p : all) {
      names.add(p.shortName().toLowerCase(Locale.ROOT));
    }
    throw StreamingErrors.unknownSource(format, String.join(", ", names));
  }

  private static List<SourceProvider> all() {
    List<SourceProvider> out = new ArrayList<>();
    for (SourceProvider p :
        ServiceLoader.load(SourceProvider.class, SourceProviders.class.getClassLoader())) {
      out.add(p);
    }
    return out;
  }
}
