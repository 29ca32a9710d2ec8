// Runs update handlers off the intake path: updates of one chat in order (a follow-up sees the answer to the
// question before it), different chats in parallel up to a limit, so one slow answer never holds up other users
// and a burst of CPU-bound answers cannot starve the webhook's quick 200s (each waits its turn without running).
// Tracks what is in flight so a shutdown can wait for it.

export class ChatQueue {
  private tails = new Map<string, Promise<void>>();
  private inflight = new Set<Promise<void>>();
  private running = 0;
  private waiting: (() => void)[] = [];

  /** `limit`: tasks running at once across chats (the rest wait for a slot, first come first served). */
  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  /** Queue `task` behind earlier tasks of `key`. The returned promise settles with the task. */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(() => this.slot(task));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    this.inflight.add(settled);
    void settled.then(() => {
      this.inflight.delete(settled);
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return result;
  }

  private async slot(task: () => Promise<void>): Promise<void> {
    if (this.running >= this.limit) await new Promise<void>((ok) => this.waiting.push(ok));
    this.running++;
    try {
      await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  get pending(): number {
    return this.inflight.size;
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`; true when everything finished. */
  async idle(timeoutMs = Infinity): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inflight.size) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((ok) => (timer = setTimeout(ok, Math.min(left, 2_147_483_647))));
      await Promise.race([Promise.all(this.inflight), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}
