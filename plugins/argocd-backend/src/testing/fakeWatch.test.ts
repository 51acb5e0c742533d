import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { FakeArgoCd } from './FakeArgoCd';
import { loadArgoValidators } from './argoSwagger';

const validator = loadArgoValidators();
const STREAM = 'GET /api/v1/stream/applications';
const auth = { authorization: 'Bearer watch-token' };

/** A watch stream read line by line, each line checked against the swagger's stream result. */
async function openWatch(fake: FakeArgoCd, query = '') {
  const controller = new AbortController();
  const res = await fetch(`${fake.url}/api/v1/stream/applications${query}`, {
    headers: auth,
    signal: controller.signal,
  });
  const lines: any[] = [];
  let ended = false;
  const pump = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
          const line = JSON.parse(buffer.slice(0, i));
          buffer = buffer.slice(i + 1);
          const validate = validator(STREAM);
          if (!validate(line))
            throw new Error(
              `stream line does not match the swagger: ${JSON.stringify(
                validate.errors?.slice(0, 3),
              )}`,
            );
          lines.push(line);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) lines.push({ readError: String(error) });
    }
    ended = true;
  })();
  return {
    status: res.status,
    lines,
    /** Waits for `n` lines in all; returns them. */
    until: (n: number) =>
      waitFor(`${n} watch line(s)`, () => lines.length >= n && lines, {
        timeoutMs: 5_000,
      }),
    ended: () =>
      waitFor('the stream to end', () => ended, { timeoutMs: 5_000 }),
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

const summary = (line: any) =>
  line.result
    ? `${line.result.type} ${line.result.application.metadata.name}`
    : line;

describe('FakeArgoCd watch stream', () => {
  let fake: FakeArgoCd;
  beforeEach(async () => {
    fake = await FakeArgoCd.start({
      tokens: ['watch-token'],
      apps: [
        { name: 'payments', labels: { team: 'pay' } },
        { name: 'cart', labels: { team: 'shop' } },
      ],
    });
  });
  afterEach(() => fake.close());

  it('starts with every application as ADDED, then sends each change', async () => {
    const watch = await openWatch(fake);
    expect(watch.status).toBe(200);
    await watch.until(2);
    fake.apps.get('argocd/payments')!.status.health.status = 'Degraded';
    expect(fake.changed('payments')).toBe(true);
    fake.putApp({ name: 'search', labels: { team: 'shop' } });
    fake.deleteApp('cart');
    const lines = await watch.until(5);
    expect(lines.map(summary)).toEqual([
      'ADDED payments',
      'ADDED cart',
      'MODIFIED payments',
      'ADDED search',
      'DELETED cart',
    ]);
    expect(lines[2].result.application.status.health.status).toBe('Degraded');
    // every change carries a newer resourceVersion, the list names the last one
    const versions = lines
      .slice(2)
      .map((l: any) => Number(l.result.application.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const list = await (
      await fetch(`${fake.url}/api/v1/applications`, { headers: auth })
    ).json();
    expect(list.metadata.resourceVersion).toBe(String(versions[2]));
    expect(fake.count('watch')).toBe(1);
    await watch.close();
  });

  it('sends a sync done through the API to its watchers', async () => {
    const watch = await openWatch(fake, '?name=payments');
    await watch.until(1);
    const res = await fetch(`${fake.url}/api/v1/applications/payments/sync`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(200);
    const lines = await watch.until(2);
    expect(lines.map(summary)).toEqual(['ADDED payments', 'MODIFIED payments']);
    expect(lines[1].result.application.status.operationState.phase).toBe(
      'Succeeded',
    );
    await watch.close();
  });

  it('filters by label selector and project as the list does', async () => {
    const watch = await openWatch(fake, '?selector=team%3Dshop');
    await watch.until(1);
    fake.changed('payments');
    fake.changed('cart');
    const lines = await watch.until(2);
    expect(lines.map(summary)).toEqual(['ADDED cart', 'MODIFIED cart']);
    await watch.close();
  });

  it('resumes after a break from the last resourceVersion, without the ADDED burst', async () => {
    const first = await openWatch(fake);
    await first.until(2);
    fake.changed('payments');
    const seen = await first.until(3);
    const last = seen[2].result.application.metadata.resourceVersion;
    fake.watch.breakAll();
    await first.ended();
    expect(fake.watch.open).toBe(0);

    // changes while nobody watches are not lost
    fake.changed('cart');
    fake.putApp({ name: 'search' });
    const resumed = await openWatch(fake, `?resourceVersion=${last}`);
    const lines = await resumed.until(2);
    expect(lines.map(summary)).toEqual(['MODIFIED cart', 'ADDED search']);
    fake.changed('payments');
    expect((await resumed.until(3)).map(summary)[2]).toBe('MODIFIED payments');
    await resumed.close();
  });

  it('cuts the open streams when the server goes down, and refuses new ones until it is up', async () => {
    const open = await openWatch(fake);
    await open.until(2);
    fake.fault = { kind: 'down' };
    try {
      await open.ended();
      expect(fake.watch.open).toBe(0);
      await expect(
        fetch(`${fake.url}/api/v1/stream/applications`, { headers: auth }),
      ).rejects.toThrow();
    } finally {
      fake.fault = { kind: 'none' };
    }
    const again = await openWatch(fake);
    expect(again.status).toBe(200);
    await again.close();
  });

  it('answers 410 Gone in the stream for a version older than it keeps, and ends', async () => {
    const small = await FakeArgoCd.start({
      tokens: ['watch-token'],
      apps: [{ name: 'payments' }],
    });
    try {
      for (let i = 0; i < 1005; i++) small.changed('payments');
      const watch = await openWatch(small, '?resourceVersion=2');
      const [line] = await watch.until(1);
      expect(line.error).toEqual(
        expect.objectContaining({ http_code: 410, http_status: 'Gone' }),
      );
      await watch.ended();
      await watch.close();
    } finally {
      await small.close();
    }
  });

  it('refuses a watch without a token', async () => {
    const res = await fetch(`${fake.url}/api/v1/stream/applications`);
    expect(res.status).toBe(401);
  });

  it('the stream validator rejects an invented field', () => {
    expect(
      validator(STREAM)({ result: { type: 'ADDED', invented: true } }),
    ).toBe(false);
    expect(validator(STREAM)({ result: { type: 'ADDED' } })).toBe(true);
  });
});
