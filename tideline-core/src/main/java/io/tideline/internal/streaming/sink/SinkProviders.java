package io.tideline.internal.streaming.sink;

import io.tideline.internal.streaming.StreamingErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds a {@link StreamSinkProvider} by its {@code format(...)} name. */
public final class SinkProviders {

  private SinkProviders() {}

  /** The provider of {@code format}, matched case-insensitively. */
  public static StreamSinkProvider forFormat(String format) {
    List<StreamSinkProvider> all = new ArrayList<>();
    for (StreamSinkProvider p :
        ServiceLoader.load(StreamSinkProvider.class, SinkProviders.class.getClassLoader())) {
      all.add(p);
    }
    for (StreamSinkProvider p : all) {
      if (p.shortName().equalsIgnoreCase(format)) {
        return p;
      }
    }
    TreeSet<String> names = new TreeSet<>();
    for (StreamSinkProvider p : all) {
      names.add(p.shortName().toLowerCase(Locale.ROOT));
    }
    throw StreamingErrors.unknownSink(format, String.join(", ", names));
  }
}
