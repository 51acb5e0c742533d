import { Worker } from 'node:worker_threads';
import { AppIndex } from '../lookup/AppIndex';
import {
  LIST_PARSER_WORKER_DATA,
  LIST_PARSER_WORKER_FILE,
  ListParseJob,
  ListParseReply,
} from './listParserWorker';

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

interface Pending {
  base?: ParseBase;
  resolve(list: ParsedList): void;
  reject(error: Error): void;
}

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
      const job: ListParseJob = {
        id,
        instance,
        raw,
        gz,
        baseHash: base?.hash,
        baseSize: base?.index.size,
        gzip,
      };
      worker.postMessage(
        job,
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
    const worker = startListParserThread();
    // idle between refreshes: it must not keep the process alive
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

  private settle(m: ListParseReply) {
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
