/**
 * A background worker's drain, one pass at a time. `run()` while a pass is under way answers that
 * pass's promise and asks for one more pass when it ends, so work that arrives mid-pass (a webhook
 * stored, a calendar made due) is not left for the next tick. A failing pass is reported and counts as
 * zero; `run()` never rejects.
 */
export class SerialDrain {
  private running: Promise<number> | undefined;
  private asked = false;

  constructor(
    /** One pass; answers how many items it handled. */
    private readonly pass: () => Promise<number>,
    private readonly failed: (error: unknown) => void,
    /** Whether the worker still runs: a pass asked for after it stopped is not started. */
    private readonly active: () => boolean,
  ) {}

  run(): Promise<number> {
    if (this.running) {
      this.asked = true;
      return this.running;
    }
    this.running = this.pass()
      .catch((error: unknown) => {
        this.failed(error);
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.takeAsked() && this.active()) void this.run();
      });
    return this.running;
  }

  /**
   * Whether another pass was asked for since this was last called, clearing the request: a pass that
   * loops over batches asks it before it stops, and goes round again instead.
   */
  takeAsked(): boolean {
    const asked = this.asked;
    this.asked = false;
    return asked;
  }

  /** The pass under way, if any (to wait for it on shutdown). */
  get current(): Promise<number> | undefined {
    return this.running;
  }
}
