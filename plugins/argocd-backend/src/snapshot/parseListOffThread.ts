import { Worker } from 'node:worker_threads';

/** One application of a list, indexed by these fields, its body kept as JSON until asked for. */
export interface AppEntry {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  json: string;
}

export interface ParsedList {
  /** sha256 of the list response as Argo CD sent it. */
  hash: string;
  /** Absent when the hash equals `previousHash`: nothing was parsed. */
  entries?: AppEntry[];
  /** The response gzipped (level 1) for the snapshot table, when `gzip` was asked for. */
  payload?: Buffer;
}

/*
 * Runs in a worker thread. A list of thousands of applications is megabytes of JSON: hashing,
 * parsing and gzipping it on the backend's event loop held every request behind it for 100 to
 * 300 ms. The worker hands back one small entry per application (the index fields and the
 * application as a JSON string), which crosses threads as strings, cheaply.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { gzipSync, gunzipSync } = require('node:zlib');
try {
  const { raw, gz, previousHash, gzip } = workerData;
  const text = raw !== undefined ? raw : gunzipSync(Buffer.from(gz)).toString('utf8');
  const hash = createHash('sha256').update(text).digest('hex');
  if (hash === previousHash) {
    parentPort.postMessage({ hash });
  } else {
    const list = JSON.parse(text);
    const entries = ((list && list.items) || [])
      .filter(a => a && a.metadata && a.metadata.name)
      .map(a => ({
        name: a.metadata.name,
        namespace: a.metadata.namespace,
        labels: a.metadata.labels || {},
        json: JSON.stringify(a),
      }));
    let payload;
    if (gzip) {
      payload = new Uint8Array(gzipSync(Buffer.from(text), { level: 1 }));
    }
    parentPort.postMessage({ hash, entries, payload }, payload ? [payload.buffer] : []);
  }
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
}
`;

/**
 * Hashes an application list response and, unless it is unchanged (`previousHash`), parses it
 * into {@link AppEntry}s, in a worker thread. Give the response as text (`raw`) or as the stored
 * gzip payload (`gz`).
 */
export function parseListOffThread(options: {
  raw?: string;
  gz?: Uint8Array;
  previousHash?: string;
  gzip?: boolean;
}): Promise<ParsedList> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: options,
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    worker.once(
      'message',
      (m: {
        hash?: string;
        entries?: AppEntry[];
        payload?: Uint8Array;
        error?: string;
      }) =>
        finish(() =>
          m.error !== undefined
            ? reject(
                new Error(`Argo CD list response is not valid: ${m.error}`),
              )
            : resolve({
                hash: m.hash!,
                entries: m.entries,
                payload: m.payload
                  ? Buffer.from(
                      m.payload.buffer,
                      m.payload.byteOffset,
                      m.payload.byteLength,
                    )
                  : undefined,
              }),
        ),
    );
    worker.once('error', error => finish(() => reject(error)));
    worker.once('exit', code =>
      finish(() => reject(new Error(`list parser exited with code ${code}`))),
    );
  });
}
