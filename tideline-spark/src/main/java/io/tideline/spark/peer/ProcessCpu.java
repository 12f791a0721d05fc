package io.tideline.spark.peer;

import java.lang.management.ManagementFactory;

/** The CPU time this JVM has used so far, over all its threads (compiler and GC included). */
final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU time, or -1 where the JVM cannot tell. */
  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
