import { Worker } from 'node:worker_threads';
import { AppIndex } from '../lookup/AppIndex';

/** One application of a list, indexed by these fields, its body kept as JSON until asked for. */
export interface AppEntry {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  json: string;
}

/**
 * A parsed list as the worker sends it: an application that is byte-for-byte the one at
 * position N of the base list comes back as the number N, anything else as a full entry.
 */
export type ListEntries = Array<AppEntry | number>;

export interface ParsedList {
  /** sha256 of the list response as Argo CD sent it. */
  hash: string;
  /** Absent when the hash equals the base's: nothing was parsed. */
  index?: AppIndex;
  /** How many applications changed against the base (all of them without a base). */
  changed?: number;
  /** The response gzipped (level 1) for the snapshot table, when `gzip` was asked for. */
  payload?: Buffer;
}

/** What the list is compared with: the index this replica answers from and its list's hash. */
export interface ParseBase {
  hash?: string;
  index: AppIndex;
}

/*
 * Runs in one long-lived worker thread at the lowest CPU priority. A list of thousands of
 * applications is megabytes of JSON: hashing, parsing and gzipping it on the backend's event
 * loop held every request behind it for 100 to 300 ms, and a fresh worker per list still competed
 * with request handling for the 2 cores.
 *
 * The worker remembers, per instance, the last list it parsed (hash, and each application's JSON
 * and position). When the base the caller answers from is that list, unchanged applications go
 * back as their position only: a refresh in which one application changed sends one entry across
 * threads instead of thousands, and the event loop indexes references it already holds.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { gzipSync, gunzipSync } = require('node:zlib');
const os = require('node:os');
try {
  // Linux: the nice value of this thread only; requests on the main thread come first
  os.setPriority(19);
} catch {}
const last = new Map();
function parse({ instance, raw, gz, baseHash, baseSize, gzip }) {
  const bytes = raw !== undefined ? Buffer.from(raw) : gunzipSync(Buffer.from(gz));
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash === baseHash) return { hash };
  const list = JSON.parse(bytes.toString('utf8'));
  const previous = last.get(instance);
  const diffable = previous && previous.hash === baseHash && previous.size === baseSize;
  const byKey = new Map();
  const entries = [];
  let changed = 0;
  for (const a of (list && list.items) || []) {
    if (!a || !a.metadata || !a.metadata.name) continue;
    const json = JSON.stringify(a);
    const key = (a.metadata.namespace || '') + '/' + a.metadata.name;
    byKey.set(key, { json, position: entries.length });
    const before = diffable ? previous.byKey.get(key) : undefined;
    if (before && before.json === json) {
      entries.push(before.position);
    } else {
      changed++;
      entries.push({
        name: a.metadata.name,
        namespace: a.metadata.namespace,
        labels: a.metadata.labels || {},
        json,
      });
    }
  }
  last.set(instance, { hash, size: entries.length, byKey });
  const payload = gzip ? new Uint8Array(gzipSync(bytes, { level: 1 })) : undefined;
  return { hash, entries, changed, payload };
}
parentPort.on('message', job => {
  let result;
  try {
    result = parse(job);
  } catch (error) {
    result = { error: String((error && error.message) || error) };
  }
  result.id = job.id;
  parentPort.postMessage(result, result.payload ? [result.payload.buffer] : []);
});
`;

interface WorkerResult {
  id: number;
  hash?: string;
  entries?: ListEntries;
  changed?: number;
  payload?: Uint8Array;
  error?: string;
}

interface Pending {
  base?: ParseBase;
  resolve(list: ParsedList): void;
  reject(error: Error): void;
}

/**
 * Hashes application list responses and, unless a list is unchanged (the base's hash), parses
 * it into an {@link AppIndex}, in a worker thread shared by every instance. Jobs run one at a
 * time, in order.
 */
export class ListParser {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /**
   * Give the response (`raw`, transferred to the worker: do not use it afterwards) or the stored
   * gzip payload (`gz`), and the base this replica answers from for `instance`.
   */
  parse(options: {
    instance: string;
    raw?: Uint8Array;
    gz?: Uint8Array;
    base?: ParseBase;
    gzip?: boolean;
  }): Promise<ParsedList> {
    const { instance, raw, gz, base, gzip } = options;
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { base, resolve, reject });
      const input = raw ?? gz!;
      // a view onto part of a larger buffer is copied; a whole buffer moves without a copy
      const transferable =
        input.byteOffset === 0 &&
        input.byteLength === input.buffer.byteLength &&
        input.buffer instanceof ArrayBuffer;
      worker.postMessage(
        {
          id,
          instance,
          raw,
          gz,
          baseHash: base?.hash,
          baseSize: base?.index.size,
          gzip,
        },
        transferable ? [input.buffer as ArrayBuffer] : [],
      );
    });
  }

  /** Stops the worker; pending parses fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('list parser closed'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // plain JavaScript: no loaders or flags of the parent (a dev backend's TypeScript hook
      // would otherwise load in the worker)
      execArgv: [],
    });
    // idle between refreshes: it must not keep the process alive
    worker.unref();
    worker.on('message', (m: WorkerResult) => this.settle(m));
    const fail = (error: Error) => {
      // a closed worker's exit comes later: its jobs already failed, and the pending ones now
      // belong to its successor
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', fail);
    worker.on('exit', code => fail(new Error(`list parser exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(m: WorkerResult) {
    const job = this.pending.get(m.id);
    if (!job) return;
    this.pending.delete(m.id);
    if (m.error !== undefined) {
      job.reject(new Error(`Argo CD list response is not valid: ${m.error}`));
      return;
    }
    try {
      job.resolve({
        hash: m.hash!,
        index: m.entries ? new AppIndex(m.entries, job.base?.index) : undefined,
        changed: m.changed,
        payload: m.payload
          ? Buffer.from(
              m.payload.buffer,
              m.payload.byteOffset,
              m.payload.byteLength,
            )
          : undefined,
      });
    } catch (error) {
      job.reject(error as Error);
    }
  }

  private failAll(error: Error) {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }
}
