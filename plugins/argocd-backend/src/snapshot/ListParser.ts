import { Worker } from 'node:worker_threads';
import type { AppEntry } from '../upstream/applicationFields';
import {
  LIST_PARSER_WORKER_DATA,
  LIST_PARSER_WORKER_FILE,
  ListParseJob,
  ListParseReply,
} from './listParserWorker';

/** A parsed list, against the applications the caller holds. */
export interface ParsedList {
  resourceVersion?: string;
  /** New or changed applications. */
  entries: AppEntry[];
  /** Keys of held applications the list no longer has. */
  removed: string[];
  count: number;
}

interface Pending {
  resolve(list: ParsedList): void;
  reject(error: Error): void;
}

/** The thread stops after this long without a job: its heap (a parsed list) is given back. */
const IDLE_MS = 10_000;

/**
 * Starts the thread of listParserWorker. Built (a bundled backend), that file is JavaScript and
 * runs as it is. From the source tree (`yarn start`, Jest, the bench) it is TypeScript: the thread
 * loads it through the Backstage CLI's node transform (@backstage/cli, a dev dependency of every
 * package), the one `backstage-cli package start` runs the backend with. Either way the thread gets none of the parent's flags or loaders.
 */
export function startListParserThread(
  file: string = LIST_PARSER_WORKER_FILE,
): Worker {
  const options = { execArgv: [], workerData: LIST_PARSER_WORKER_DATA };
  if (!/\.[cm]?ts$/.test(file)) return new Worker(file, options);
  const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
  return new Worker(
    `require(${JSON.stringify(transform)}); require(${JSON.stringify(file)});`,
    { ...options, eval: true },
  );
}

/**
 * Parses application list responses in a worker thread shared by every instance, against the
 * hashes of the applications the caller holds (see listParserWorker). Jobs run one at a time, in
 * order. The thread stops when idle, so the megabytes a list took in it are not kept.
 */
export class ListParser {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly idleMs = IDLE_MS) {}

  /**
   * `raw`, the response, is transferred to the worker (do not use it afterwards); `known`, the
   * hash of each application held, by appKey.
   */
  parse(options: {
    raw: Uint8Array;
    known?: Map<string, string>;
  }): Promise<ParsedList> {
    const { raw, known } = options;
    const worker = this.start();
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // a view onto part of a larger buffer is copied; a whole buffer moves without a copy
      const transferable =
        raw.byteOffset === 0 &&
        raw.byteLength === raw.buffer.byteLength &&
        raw.buffer instanceof ArrayBuffer;
      const job: ListParseJob = { id, raw, known };
      worker.postMessage(job, transferable ? [raw.buffer as ArrayBuffer] : []);
    });
  }

  /** Stops the worker; pending parses fail. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('list parser closed'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startListParserThread();
    // idle between lists: it must not keep the process alive
    worker.unref();
    worker.on('message', (m: ListParseReply) => this.settle(m));
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

  private stopWhenIdle() {
    if (this.pending.size > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0 || !this.worker) return;
      const worker = this.worker;
      this.worker = undefined;
      worker.terminate().catch(() => undefined);
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private settle(m: ListParseReply) {
    const job = this.pending.get(m.id);
    if (!job) return;
    this.pending.delete(m.id);
    this.stopWhenIdle();
    if (m.error !== undefined) {
      job.reject(new Error(`Argo CD list response is not valid: ${m.error}`));
      return;
    }
    job.resolve({
      resourceVersion: m.resourceVersion,
      entries: m.entries ?? [],
      removed: m.removed ?? [],
      count: m.count ?? 0,
    });
  }

  private failAll(error: Error) {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }
}
