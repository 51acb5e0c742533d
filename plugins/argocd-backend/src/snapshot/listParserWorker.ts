import { createHash } from 'node:crypto';
import os from 'node:os';
import {
  MessagePort,
  isMainThread,
  parentPort,
  workerData,
} from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ListEntries } from '../lookup/AppEntry';

/*
 * The list parser's thread (see ListParser, which starts it with this file). A list of thousands
 * of applications is megabytes of JSON: hashing, parsing and gzipping it on the backend's event
 * loop held every request behind it for 100 to 300 ms, and a fresh worker per list still competed
 * with request handling for the 2 cores. So one long-lived thread does it, at the lowest CPU
 * priority.
 *
 * The thread remembers, per instance, the last list it parsed (hash, and each application's JSON
 * and position). When the base the caller answers from is that list, unchanged applications go
 * back as their position only: a refresh in which one application changed sends one entry across
 * threads instead of thousands, and the event loop indexes references it already holds.
 */

/** This file, as the thread's entry: the built `.cjs.js` in a bundle, the `.ts` source in a dev backend or test. */
export const LIST_PARSER_WORKER_FILE = __filename;

/** What the thread is started with, so that loading this file elsewhere (another worker) does nothing. */
export const LIST_PARSER_WORKER_DATA = { role: 'argocd-list-parser' } as const;

/** One job: a list response (`raw`) or a stored gzip payload (`gz`), and the base it is diffed against. */
export interface ListParseJob {
  id: number;
  instance: string;
  raw?: Uint8Array;
  gz?: Uint8Array;
  /** sha256 of the list the caller answers from; an equal hash parses nothing. */
  baseHash?: string;
  /** How many applications that list has (positions only refer to a base of this size). */
  baseSize?: number;
  /** Also gzip the response (level 1), for the snapshot table. */
  gzip?: boolean;
}

/** The answer to one job: the hash, and unless the list is the base's, its entries. */
export interface ListParseReply {
  id: number;
  hash?: string;
  entries?: ListEntries;
  changed?: number;
  payload?: Uint8Array;
  error?: string;
}

interface ParsedApplication {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
}

interface LastList {
  hash: string;
  size: number;
  byKey: Map<string, { json: string; position: number }>;
}

/**
 * The parse itself, remembering each instance's last list. Pure but for that memory: the thread
 * runs one, and tests call it directly.
 */
export function createListDiffer(): (
  job: Omit<ListParseJob, 'id'>,
) => Omit<ListParseReply, 'id'> {
  const last = new Map<string, LastList>();
  return ({ instance, raw, gz, baseHash, baseSize, gzip }) => {
    const bytes =
      raw !== undefined ? Buffer.from(raw) : gunzipSync(Buffer.from(gz!));
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash === baseHash) return { hash };
    const list = JSON.parse(bytes.toString('utf8')) as {
      items?: ParsedApplication[];
    } | null;
    const previous = last.get(instance);
    const diffable =
      previous !== undefined &&
      previous.hash === baseHash &&
      previous.size === baseSize;
    const byKey: LastList['byKey'] = new Map();
    const entries: ListEntries = [];
    let changed = 0;
    for (const a of list?.items ?? []) {
      const name = a?.metadata?.name;
      if (!name) continue;
      const json = JSON.stringify(a);
      const namespace = a.metadata!.namespace;
      const key = `${namespace ?? ''}/${name}`;
      byKey.set(key, { json, position: entries.length });
      const before = diffable ? previous.byKey.get(key) : undefined;
      if (before && before.json === json) {
        entries.push(before.position);
      } else {
        changed++;
        entries.push({
          name,
          namespace,
          labels: a.metadata!.labels ?? {},
          json,
        });
      }
    }
    last.set(instance, { hash, size: entries.length, byKey });
    const payload = gzip
      ? new Uint8Array(gzipSync(bytes, { level: 1 }))
      : undefined;
    return { hash, entries, changed, payload };
  };
}

/** Answers every job posted to `port`, one at a time, in order; a job that fails answers its error. */
export function serveListParser(port: MessagePort): void {
  const parse = createListDiffer();
  port.on('message', (job: ListParseJob) => {
    let reply: ListParseReply;
    try {
      reply = { ...parse(job), id: job.id };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.message || error) };
    }
    port.postMessage(
      reply,
      reply.payload ? [reply.payload.buffer as ArrayBuffer] : [],
    );
  });
}

if (
  !isMainThread &&
  parentPort &&
  workerData?.role === LIST_PARSER_WORKER_DATA.role
) {
  try {
    // Linux: the nice value of this thread only; requests on the main thread come first
    os.setPriority(19);
  } catch {
    // not permitted here: run at normal priority
  }
  serveListParser(parentPort);
}
