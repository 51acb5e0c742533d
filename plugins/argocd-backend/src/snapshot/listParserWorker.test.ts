import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startListParserThread } from './ListParser';
import {
  LIST_PARSER_WORKER_DATA,
  LIST_PARSER_WORKER_FILE,
  ListParseReply,
  createListDiffer,
  serveListParser,
} from './listParserWorker';

const app = (name: string, health = 'Healthy', namespace = 'argocd') => ({
  metadata: { name, namespace, labels: { team: 'shop' } },
  status: { health: { status: health } },
});
const bytes = (value: unknown) =>
  new Uint8Array(Buffer.from(JSON.stringify(value)));
const sha = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('createListDiffer', () => {
  it('gives full entries without a base, skipping items without a name', () => {
    const parse = createListDiffer();
    const list = { items: [app('a'), { metadata: {} }, null, app('b')] };
    const reply = parse({ instance: 'i', raw: bytes(list) });
    expect(reply.hash).toBe(sha(list));
    expect(reply.changed).toBe(2);
    expect(reply.entries).toEqual([
      {
        name: 'a',
        namespace: 'argocd',
        labels: { team: 'shop' },
        json: JSON.stringify(app('a')),
      },
      {
        name: 'b',
        namespace: 'argocd',
        labels: { team: 'shop' },
        json: JSON.stringify(app('b')),
      },
    ]);
    expect(reply.payload).toBeUndefined();
  });

  it('answers only the hash for the base list, and positions for unchanged applications', () => {
    const parse = createListDiffer();
    const v1 = { items: [app('a'), app('b')] };
    const first = parse({ instance: 'i', raw: bytes(v1), gzip: true });
    expect(gunzipSync(first.payload!).toString()).toBe(JSON.stringify(v1));
    expect(
      parse({ instance: 'i', raw: bytes(v1), baseHash: first.hash }),
    ).toEqual({ hash: first.hash });
    const v2 = { items: [app('b'), app('a', 'Degraded')] };
    const second = parse({
      instance: 'i',
      raw: bytes(v2),
      baseHash: first.hash,
      baseSize: 2,
    });
    expect(second.changed).toBe(1);
    expect(second.entries![0]).toBe(1);
    expect(second.entries![1]).toMatchObject({ name: 'a' });
  });

  it('diffs only against the list it parsed last for that instance, of the base size', () => {
    const parse = createListDiffer();
    const v1 = { items: [app('a')] };
    const first = parse({ instance: 'i', raw: bytes(v1) });
    const v2 = { items: [app('a'), app('b')] };
    // another instance's base, or a base of another size: everything is sent in full
    expect(
      parse({
        instance: 'j',
        raw: bytes(v2),
        baseHash: first.hash,
        baseSize: 1,
      }).changed,
    ).toBe(2);
    expect(
      parse({
        instance: 'i',
        raw: bytes(v2),
        baseHash: first.hash,
        baseSize: 5,
      }).changed,
    ).toBe(2);
  });

  it('reads a gzip payload and throws on a body that is not JSON', () => {
    const parse = createListDiffer();
    const list = { items: [app('a')] };
    expect(
      parse({
        instance: 'i',
        gz: new Uint8Array(gzipSync(JSON.stringify(list))),
      }).hash,
    ).toBe(sha(list));
    expect(() =>
      parse({ instance: 'i', raw: new Uint8Array(Buffer.from('<html>')) }),
    ).toThrow(SyntaxError);
  });
});

describe('serveListParser', () => {
  it('answers each job with its id, and a failed job with its error', async () => {
    const { port1, port2 } = new MessageChannel();
    serveListParser(port1);
    const replies: ListParseReply[] = [];
    const got = new Promise<void>(resolve =>
      port2.on('message', (m: ListParseReply) => {
        replies.push(m);
        if (replies.length === 2) resolve();
      }),
    );
    port2.postMessage({ id: 7, instance: 'i', raw: bytes({ items: [] }) });
    port2.postMessage({ id: 8, instance: 'i', raw: bytes('x').slice(1) });
    await got;
    port1.close();
    expect(replies[0]).toMatchObject({ id: 7, entries: [], changed: 0 });
    expect(replies[1]).toEqual({ id: 8, error: expect.any(String) });
  });
});

describe('startListParserThread', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-parser-thread-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs a probe file as the thread and returns what it reports. */
  async function probe(file: string, source: string) {
    fs.writeFileSync(path.join(dir, file), source);
    const worker = startListParserThread(path.join(dir, file));
    try {
      return await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    } finally {
      await worker.terminate();
    }
  }
  const report = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage({
  workerData,
  execArgv: process.execArgv,
  tsHook: require.extensions['.ts'] !== undefined,
});`;

  it('runs a built (JavaScript) file as it is, with none of the parent flags or loaders', async () => {
    await expect(probe('worker.cjs.js', report)).resolves.toEqual({
      workerData: LIST_PARSER_WORKER_DATA,
      execArgv: [],
      tsHook: false,
    });
  });

  it('loads a TypeScript source file through the node transform', async () => {
    await expect(
      probe('worker.ts', `const typed: number = 1;${report}`),
    ).resolves.toMatchObject({
      workerData: LIST_PARSER_WORKER_DATA,
      tsHook: true,
    });
  });

  it('is started with this source file in a test run', () => {
    expect(LIST_PARSER_WORKER_FILE).toBe(
      path.join(__dirname, 'listParserWorker.ts'),
    );
  });
});
