import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postForm } from './postForm';
import { fetchFailure } from '@internal/plugin-portico-node';

describe('postForm', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        if (req.url === '/slow') return; // never answers
        if (req.url === '/fail') {
          res.writeHead(422, { 'content-type': 'application/json' });
          res.end('{"status":"error","errorType":"bad_data"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', echo: body }));
      });
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('posts the form with the configured headers, asks for no content encoding, reads the answer', async () => {
    const res = await postForm(
      `${base}/api/v1/query`,
      { query: 'up{job="a b"}', time: '1' },
      { Authorization: 'Bearer secret' },
      2000,
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      status: 'success',
      echo: 'query=up%7Bjob%3D%22a+b%22%7D&time=1',
    });
    const last = seen[seen.length - 1];
    expect(last.headers.authorization).toBe('Bearer secret');
    expect(last.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(last.headers['accept-encoding']).toBeUndefined();
  });

  it('gives the status and body of an error answer', async () => {
    const res = await postForm(`${base}/fail`, {}, {}, 2000);
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text).errorType).toBe('bad_data');
  });

  it('fails with a timeout that maps to 504, and unreachable to 502', async () => {
    const slow = await postForm(`${base}/slow`, {}, {}, 150).catch(e => e);
    expect(slow.name).toBe('TimeoutError');
    expect(fetchFailure('Prometheus', 150, slow).statusCode).toBe(504);
    const gone = await postForm('http://127.0.0.1:1/x', {}, {}, 2000).catch(
      e => e,
    );
    expect(fetchFailure('Prometheus', 2000, gone).statusCode).toBe(502);
    await expect(postForm('ftp://x/y', {}, {}, 100)).rejects.toThrow(
      /unsupported protocol/,
    );
  });

  it('reuses connections', async () => {
    const before = seen.length;
    const sockets = new Set<string>();
    server.on('connection', s => sockets.add(`${s.remotePort}`));
    for (let i = 0; i < 5; i++) await postForm(`${base}/x`, {}, {}, 2000);
    expect(seen.length - before).toBe(5);
    expect(sockets.size).toBeLessThanOrEqual(1);
  });
});
