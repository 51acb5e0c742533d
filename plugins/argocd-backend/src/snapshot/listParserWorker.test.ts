import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { toAppEntry } from '../upstream/applicationFields';
import { startListParserThread } from './ListParser';
import {
  LIST_PARSER_WORKER_DATA,
  LIST_PARSER_WORKER_FILE,
  ListParseReply,
  diffList,
  serveListParser,
} from './listParserWorker';

const app = (name: string, health = 'Healthy', namespace = 'argocd') => ({
  metadata: { name, namespace, labels: { team: 'shop' } },
  status: { health: { status: health } },
});
const bytes = (value: unknown) =>
  new Uint8Array(Buffer.from(JSON.stringify(value)));
const hashOf = (value: unknown) => toAppEntry(value)!.hash;

describe('diffList', () => {
  it('gives full entries without known applications, skipping items without a name', () => {
    const list = {
      metadata: { resourceVersion: '9' },
      items: [app('a'), { metadata: {} }, null, app('b')],
    };
    const reply = diffList({ raw: bytes(list) });
    expect(reply.resourceVersion).toBe('9');
    expect(reply.count).toBe(2);
    expect(reply.removed).toEqual([]);
    expect(reply.entries).toEqual([
      {
        name: 'a',
        namespace: 'argocd',
        labels: { team: 'shop' },
        hash: hashOf(app('a')),
        json: JSON.stringify(app('a')),
      },
      {
        name: 'b',
        namespace: 'argocd',
        labels: { team: 'shop' },
        hash: hashOf(app('b')),
        json: JSON.stringify(app('b')),
      },
    ]);
  });

  it('sends only new and changed applications, and the keys of the ones gone', () => {
    const known = new Map([
      ['argocd/a', hashOf(app('a'))],
      ['argocd/b', hashOf(app('b'))],
      ['argocd/c', hashOf(app('c'))],
    ]);
    const v2 = { items: [app('b'), app('a', 'Degraded'), app('d')] };
    const reply = diffList({ raw: bytes(v2), known });
    expect(reply.entries!.map(e => e.name)).toEqual(['a', 'd']);
    expect(reply.removed).toEqual(['argocd/c']);
    expect(reply.count).toBe(3);
  });

  it('keeps only the fields the routes need, in one order whatever the source', () => {
    const full = {
      metadata: {
        labels: { team: 'shop' },
        name: 'a',
        namespace: 'argocd',
        annotations: { secret: 'x' },
        managedFields: [{}],
      },
      spec: { project: 'p', syncPolicy: { automated: {} } },
      status: { health: { status: 'Healthy' }, summary: { images: [] } },
    };
    const [entry] = diffList({ raw: bytes({ items: [full] }) }).entries!;
    expect(JSON.parse(entry.json)).toEqual({
      metadata: { name: 'a', namespace: 'argocd', labels: { team: 'shop' } },
      spec: { project: 'p' },
      status: { health: { status: 'Healthy' } },
    });
    expect(entry.hash).toBe(toAppEntry(full)!.hash);
  });

  it('throws on a body that is not JSON', () => {
    expect(() =>
      diffList({ raw: new Uint8Array(Buffer.from('<html>')) }),
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
    port2.postMessage({ id: 7, raw: bytes({ items: [] }) });
    port2.postMessage({ id: 8, raw: bytes('x').slice(1) });
    await got;
    port1.close();
    expect(replies[0]).toMatchObject({ id: 7, entries: [], count: 0 });
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
