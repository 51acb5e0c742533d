import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the observability backend made upstream. */
export interface UpstreamRequest {
  upstream: 'prometheus' | 'loki' | 'grafana';
  method: string;
  path: string;
  /** Query string and form body together: what was asked. */
  asked: string;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/**
 * Prometheus, Loki and Grafana stand-ins on one loopback port (paths tell them apart), each
 * answering an empty but well-formed result, and recording every request so a test can say that
 * nothing about another team's namespace or dashboard was asked.
 */
export async function startObservabilityUpstream(options: {
  grafanaToken: string;
}) {
  const requests: UpstreamRequest[] = [];
  /** While set, Prometheus answers wait for `open` (a slow upstream, for in-flight requests). */
  let gate: { waiting: number; open: Promise<void> } | undefined;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://upstream');
    const asked = decodeURIComponent(
      `${url.searchParams.toString()} ${Buffer.concat(chunks).toString(
        'utf8',
      )}`.replace(/\+/g, ' '),
    );
    const json = (status: number, body: unknown) => {
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/api/v1/')) {
      requests.push({
        upstream: 'prometheus',
        method: req.method ?? '',
        path: url.pathname,
        asked,
      });
      if (gate) {
        const held = gate;
        held.waiting += 1;
        await held.open;
      }
      const resultType = url.pathname.endsWith('query_range')
        ? 'matrix'
        : 'vector';
      json(200, { status: 'success', data: { resultType, result: [] } });
      return;
    }
    if (url.pathname.startsWith('/loki/api/v1/')) {
      requests.push({
        upstream: 'loki',
        method: req.method ?? '',
        path: url.pathname,
        asked,
      });
      json(200, {
        status: 'success',
        data: { resultType: 'streams', result: [], stats: {} },
      });
      return;
    }
    requests.push({
      upstream: 'grafana',
      method: req.method ?? '',
      path: url.pathname,
      asked,
    });
    if (url.pathname === '/api/health') {
      json(200, { database: 'ok', version: '11.3.0' });
      return;
    }
    if (url.pathname.startsWith('/render/d-solo/')) {
      if (req.headers.authorization !== `Bearer ${options.grafanaToken}`) {
        json(401, { message: 'Unauthorized' });
        return;
      }
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      return;
    }
    json(404, { message: 'Not found' });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /**
     * Holds every Prometheus answer from now until `release()`: `waiting()` counts the requests
     * held, so a test knows a request is in flight upstream.
     */
    holdPrometheus() {
      let release!: () => void;
      const held = {
        waiting: 0,
        open: new Promise<void>(resolve => (release = resolve)),
      };
      gate = held;
      return {
        waiting: () => held.waiting,
        release() {
          if (gate === held) gate = undefined;
          release();
        },
      };
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ObservabilityUpstream = Awaited<
  ReturnType<typeof startObservabilityUpstream>
>;
