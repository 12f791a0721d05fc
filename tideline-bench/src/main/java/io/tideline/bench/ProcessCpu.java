package io.tideline.bench;

import java.lang.management.ManagementFactory;

/** The CPU time this JVM has used so far, over all its threads (compiler and GC included). */
public final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU time, or -1 where the JVM cannot tell. */
  public static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The machine's load average over the last minute, or a negative number if unknown. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
