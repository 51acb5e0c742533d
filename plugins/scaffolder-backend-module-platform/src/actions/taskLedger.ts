/**
 * What each running task has created so far (e.g. "repository X was pushed"), kept in memory
 * for an hour, so a later failing step can say exactly what exists and how to clean it up.
 * Steps of one task run in one process, like the token vault.
 */
export class TaskLedger {
  private readonly entries = new Map<
    string,
    { items: string[]; timer: NodeJS.Timeout }
  >();

  constructor(private readonly ttlMs = 60 * 60 * 1000) {}

  record(taskId: string, item: string) {
    const entry = this.entries.get(taskId);
    if (entry) {
      if (!entry.items.includes(item)) entry.items.push(item);
      return;
    }
    const timer = setTimeout(() => this.entries.delete(taskId), this.ttlMs);
    timer.unref();
    this.entries.set(taskId, { items: [item], timer });
  }

  created(taskId: string): string[] {
    return [...(this.entries.get(taskId)?.items ?? [])];
  }
}
