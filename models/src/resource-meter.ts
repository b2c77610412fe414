/**
 * Wall time and peak resident memory of a run. RSS is sampled on a timer as well as at explicit
 * checkpoints, because the peak usually happens inside a synchronous step (parsing, the similarity
 * matrix) that a checkpoint before or after would miss.
 */

/** Measures elapsed time and the largest `process.memoryUsage().rss` seen. */
export class ResourceMeter {
  private peak = 0;
  private readonly started = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;

  /** Starts sampling every `intervalMs` (the timer does not keep the process alive). */
  constructor(intervalMs = 25) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Records the current RSS; call it right after memory-heavy steps. */
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  /** Milliseconds since construction. */
  elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** Peak RSS in bytes so far. */
  peakRss(): number {
    this.sample();
    return this.peak;
  }

  /**
   * The process's peak RSS since it started (the kernel's high-water mark), never below the sampled
   * peak. Sampling misses peaks inside long synchronous steps; this does not, so whole-command
   * figures use it. Per-step figures keep {@link peakRss}, which starts at construction.
   */
  processPeakRss(): number {
    return Math.max(this.peakRss(), process.resourceUsage().maxRSS * 1024);
  }

  /** Stops the sampling timer. */
  stop(): void {
    clearInterval(this.timer);
  }
}
