import http from 'node:http';
import { listenLoopback } from './listenLoopback';

/** A Loki stream as `/loki/api/v1/query_range` returns it. */
export interface LokiStream {
  stream: Record<string, string>;
  values: Array<[string, string]>;
}

/**
 * A stand-in for Loki's `GET /loki/api/v1/query_range` (Loki cannot run here). It answers with
 * Loki's response shape (`status`, `data.resultType: streams`, `data.result`, `data.stats`);
 * which streams is up to `streamsFor`, which tests implement by parsing the LogQL they receive.
 * Records every request with its headers.
 */
export async function startFakeLoki(options: {
  streamsFor(
    query: string,
    params: URLSearchParams,
  ): LokiStream[] | { error: string };
  delayMs?: number;
  /** Fixed port (default: a free one). */
  port?: number;
}) {
  const requests: Array<{
    query: string;
    params: URLSearchParams;
    headers: http.IncomingHttpHeaders;
  }> = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://loki');
    if (url.pathname !== '/loki/api/v1/query_range') {
      res
        .writeHead(404, { 'Content-Type': 'text/plain' })
        .end('404 page not found\n');
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    requests.push({ query, params: url.searchParams, headers: req.headers });
    if (options.delayMs) await new Promise(r => setTimeout(r, options.delayMs));
    const streams = options.streamsFor(query, url.searchParams);
    if ('error' in streams) {
      // Loki answers a bad query with 400 and the parser's message as plain text
      res
        .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(streams.error);
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const entries = streams.reduce((n, s) => n + s.values.length, 0);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'streams',
          result: streams.map(s => ({
            stream: s.stream,
            values: s.values.slice(0, limit),
          })),
          stats: {
            summary: {
              bytesProcessedPerSecond: 0,
              linesProcessedPerSecond: 0,
              totalBytesProcessed: 0,
              totalLinesProcessed: entries,
              execTime: 0.001,
              queueTime: 0,
              subqueries: 0,
              totalEntriesReturned: Math.min(entries, limit),
            },
          },
        },
      }),
    );
  });
  const { url, stop } = await listenLoopback(server, options.port);
  return { url, requests, stop };
}
