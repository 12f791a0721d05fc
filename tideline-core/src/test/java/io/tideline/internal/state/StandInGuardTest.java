package io.tideline.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fails once the real {@code RowCodec} and {@code StateStoreRegistry} are merged while the test
 * stand-ins of the same name still shadow them, so no test runs against a stand-in by mistake.
 */
class StandInGuardTest {

  @Test
  void standIns_onlyShadowUnimplementedMainClasses() throws IOException {
    for (String name : List.of("RowCodec", "StateStoreRegistry")) {
      String path = "io/tideline/internal/state/" + name + ".class";
      List<URL> copies = Collections.list(getClass().getClassLoader().getResources(path));
      if (copies.size() < 2) {
        continue;
      }
      for (URL url : copies) {
        if (url.getPath().contains("/test-classes/")) {
          continue;
        }
        String bytes;
        try (InputStream in = url.openStream()) {
          bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(bytes)
            .as(
                "main %s is implemented: delete the test stand-in"
                    + " tideline-core/src/test/java/io/tideline/internal/state/%s.java",
                name, name)
            .contains("TODO(state)");
      }
    }
  }
}
