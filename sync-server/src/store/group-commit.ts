/**
 * Group commit: writes submitted during one turn of the event loop are handed to the writer together
 * on the next turn, so they share one database commit. Under load a commit (the WAL append) was the
 * largest remaining cost per SQLite batch; with concurrent clients it is now paid once per group.
 * Each caller still gets its answer only after the commit that contains its write, so nothing is
 * acknowledged before it is durable, and a failed write fails only its own caller.
 */

/** Outcome of one write in a group: its value, or the error that write (alone) failed with. */
export type WriteOutcome<O> = { readonly stored: O } | { readonly error: unknown };

interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (value: O) => void;
  readonly reject: (reason: unknown) => void;
}

/** Collects submitted items and flushes them as one group per event-loop turn. */
export class GroupCommit<I, O> {
  #pending: Pending<I, O>[] = [];

  /**
   * @param write stores a group and answers one outcome per item, in order; when it throws or
   *   rejects, every item of the group fails with that error.
   */
  constructor(
    private readonly write: (items: readonly I[]) => WriteOutcome<O>[] | Promise<WriteOutcome<O>[]>,
  ) {}

  /** Queues `item`; resolves once the group holding it has been committed. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      // setImmediate runs after the I/O callbacks of this turn: every request parsed from the same
      // poll has reached this point by then and joins the same group.
      if (this.#pending.length === 1) setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const group = this.#pending;
    this.#pending = [];
    let outcomes: WriteOutcome<O>[];
    try {
      outcomes = await this.write(group.map((p) => p.item));
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    group.forEach((p, i) => {
      const outcome = outcomes[i];
      if (!outcome) p.reject(new Error('group commit: the writer answered fewer outcomes than items'));
      else if ('error' in outcome) p.reject(outcome.error);
      else p.resolve(outcome.stored);
    });
  }
}
