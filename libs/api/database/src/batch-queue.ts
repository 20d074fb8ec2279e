/** How one item of a batch came out. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiting<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Items handed in one at a time and written in batches (group commit): what arrives while one batch is
 * being written waits for the next. One batch at a time, at most `max` items each, in arrival order;
 * each caller's promise settles with its own item's outcome. If `writeBatch` throws, every item of
 * that batch rejects with its error.
 */
export class BatchQueue<In, Out> {
  private waiting: Array<Waiting<In, Out>> = [];
  private writing = false;

  constructor(
    private readonly max: number,
    private readonly writeBatch: (items: In[]) => Promise<Array<Settled<Out>>>,
  ) {}

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.max);
        let outcomes: Array<Settled<Out>>;
        try {
          outcomes = await this.writeBatch(batch.map((w) => w.item));
        } catch (error) {
          outcomes = batch.map(() => ({ ok: false, error }));
        }
        batch.forEach((w, i) => {
          const outcome = outcomes[i] ?? {
            ok: false,
            error: new Error('the batch gave no outcome for this item'),
          };
          if (outcome.ok) w.resolve(outcome.value);
          else w.reject(outcome.error);
        });
      }
    } finally {
      this.writing = false;
    }
  }
}
