package io.tideline.internal.streaming.source;

import io.tideline.internal.streaming.StreamingErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds a {@link StreamSourceProvider} by its {@code format(...)} name. */
public final class SourceProviders {

  private SourceProviders() {}

  /** The provider of {@code format}, matched case-insensitively. */
  public static StreamSourceProvider forFormat(String format) {
    List<StreamSourceProvider> all = all();
    for (StreamSourceProvider p : all) {
      if (p.shortName().equalsIgnoreCase(format)) {
        return p;
      }
    }
    TreeSet<String> names = new TreeSet<>();
    for (StreamSourceProvider p : all) {
      names.add(p.shortName().toLowerCase(Locale.ROOT));
    }
    throw StreamingErrors.unknownSource(format, String.join(", ", names));
  }

  private static List<StreamSourceProvider> all() {
    List<StreamSourceProvider> out = new ArrayList<>();
    for (StreamSourceProvider p :
        ServiceLoader.load(StreamSourceProvider.class, SourceProviders.class.getClassLoader())) {
      out.add(p);
    }
    return out;
  }
}
