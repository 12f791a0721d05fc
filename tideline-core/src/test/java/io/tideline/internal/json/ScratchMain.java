package io.tideline.internal.json;

public class ScratchMain {
  public static void main(String[] a) throws Exception {
    new ScratchScan().measure();
  }
}
