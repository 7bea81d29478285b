// Re-query a view when the simulation moves, at most once per `gap` ms while the clock plays:
// one query in flight at a time, and the last request always runs (nothing is dropped at the end).
export class Refresher {
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private again = false;
  private disposed = false;

  constructor(
    private readonly run: () => Promise<void>,
    /** the least time between two queries, read on each request (125 ms = 8/s while playing) */
    private readonly gap: () => number,
  ) {}

  request(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.gap() - performance.now());
    if (wait === 0) void this.exec();
    else this.timer = setTimeout(() => {
      this.timer = null;
      void this.exec();
    }, wait);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async exec(): Promise<void> {
    this.running = true;
    this.last = performance.now();
    try {
      await this.run();
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.request();
      }
    }
  }
}

/** The gap between queries: ~8 per second while playing, immediate otherwise. */
export const PLAYING_GAP_MS = 125;
