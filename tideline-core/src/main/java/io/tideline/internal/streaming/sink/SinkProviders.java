package io.tideline.internal.streaming.sink;

import io.tideline.connector.SinkProvider;
import io.tideline.internal.streaming.StreamingErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds a {@link SinkProvider} by its {@code format(...)} name. */
public final class SinkProviders {

  private SinkProviders() {}

  /** The provider of {@code format}, matched case-insensitively. */
  public static SinkProvider forFormat(String format) {
    List<SinkProvider> all = new ArrayList<>();
    for (SinkProvider p :
        ServiceLoader.load(SinkProvider.class, SinkProviders.class.getClassLoader())) {
      all.add(p);
    }
    for (SinkProvider p : all) {
      if (p.shortName().equalsIgnoreCase(format)) {
        return p;
      }
    }
    TreeSet<String> names = new TreeSet<>();
    for (SinkProvider p : all) {
      names.add(p.shortName().toLowerCase(Locale.ROOT));
    }
    throw StreamingErrors.unknownSink(format, String.join(", ", names));
  }
}
