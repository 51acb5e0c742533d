import type { AuditRecord } from '../AuditRecord';

/** One queued record. */
export interface Entry {
  record: AuditRecord;
  /** Enqueue order across both lanes. */
  seq: number;
}

/** A fixed-capacity ring of entries: O(1) push back, pop front, push front. */
export class Ring {
  readonly #slots: Array<Entry | undefined>;
  #head = 0;
  length = 0;

  constructor(readonly capacity: number) {
    this.#slots = new Array(capacity);
  }

  get full(): boolean {
    return this.length === this.capacity;
  }

  peek(): Entry | undefined {
    return this.length === 0 ? undefined : this.#slots[this.#head];
  }

  pushBack(entry: Entry) {
    this.#slots[(this.#head + this.length) % this.capacity] = entry;
    this.length += 1;
  }

  pushFront(entry: Entry) {
    this.#head = (this.#head - 1 + this.capacity) % this.capacity;
    this.#slots[this.#head] = entry;
    this.length += 1;
  }

  popFront(): Entry | undefined {
    if (this.length === 0) {
      return undefined;
    }
    const entry = this.#slots[this.#head];
    this.#slots[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.length -= 1;
    return entry;
  }
}
