import os from 'node:os';
import {
  MessagePort,
  isMainThread,
  parentPort,
  workerData,
} from 'node:worker_threads';
import { AppEntry, appKey, toAppEntry } from '../upstream/applicationFields';

/*
 * The list parser's thread (see ListParser, which starts it with this file). A list of thousands
 * of applications is megabytes of JSON: parsing it on the backend's event loop held every request
 * behind it for 100 to 300 ms, so one thread does it, at the lowest CPU priority, and keeps
 * nothing between jobs (no second copy of the applications).
 *
 * The caller sends, with the list, the hash of each application it holds (`known`); only new and
 * changed applications come back as entries (cut to the kept fields), and the keys of those the
 * list no longer has: a relist in which one application changed sends one entry across threads.
 */

/** This file, as the thread's entry: the built `.cjs.js` in a bundle, the `.ts` source in a dev backend or test. */
export const LIST_PARSER_WORKER_FILE = __filename;

/** What the thread is started with, so that loading this file elsewhere (another worker) does nothing. */
export const LIST_PARSER_WORKER_DATA = { role: 'argocd-list-parser' } as const;

/** One job: a list response and the hash of each application the caller holds, by appKey. */
export interface ListParseJob {
  id: number;
  raw: Uint8Array;
  known?: Map<string, string>;
}

/** The answer to one job: what changed against `known`. */
export interface ListParseReply {
  id: number;
  /** The list's metadata.resourceVersion (where a watch resumes). */
  resourceVersion?: string;
  /** New or changed applications. */
  entries?: AppEntry[];
  /** Keys (appKey) of known applications the list no longer has. */
  removed?: string[];
  /** How many applications the list has. */
  count?: number;
  error?: string;
}

/** The parse itself (pure): the thread runs it, tests call it directly. */
export function diffList(
  job: Omit<ListParseJob, 'id'>,
): Omit<ListParseReply, 'id'> {
  const list = JSON.parse(Buffer.from(job.raw).toString('utf8')) as {
    metadata?: { resourceVersion?: string };
    items?: unknown[];
  } | null;
  const known = job.known ?? new Map<string, string>();
  const seen = new Set<string>();
  const entries: AppEntry[] = [];
  for (const item of list?.items ?? []) {
    const entry = toAppEntry(item);
    if (!entry) continue;
    const key = appKey(entry.namespace, entry.name);
    seen.add(key);
    if (known.get(key) !== entry.hash) entries.push(entry);
  }
  const removed = [...known.keys()].filter(k => !seen.has(k));
  return {
    resourceVersion: list?.metadata?.resourceVersion,
    entries,
    removed,
    count: seen.size,
  };
}

/** Answers every job posted to `port`, one at a time, in order; a job that fails answers its error. */
export function serveListParser(port: MessagePort): void {
  port.on('message', (job: ListParseJob) => {
    let reply: ListParseReply;
    try {
      reply = { ...diffList(job), id: job.id };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.message || error) };
    }
    port.postMessage(reply);
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
