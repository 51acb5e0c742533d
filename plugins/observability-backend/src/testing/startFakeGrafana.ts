import http from 'node:http';
import { listenLoopback } from './listenLoopback';
import { encodePng } from './png';

/** A panel picture: a light background with a wave whose phase depends on the panel id. */
function panelImage(panelId: number, width: number, height: number): Buffer {
  return encodePng(width, height, (x, y) => {
    const curve =
      height / 2 + (height / 3) * Math.sin((x / width) * 6 + panelId);
    if (Math.abs(y - curve) < 2) return [50, 116, 217];
    if (y > curve) return [220, 232, 250];
    return [255, 255, 255];
  });
}

/**
 * A stand-in for Grafana (it cannot run here) with the two embed endpoints:
 * `GET /render/d-solo/<uid>/<slug>?panelId=&width=&height=&var-*=&from=&to=` (the image
 * renderer; 401 without the service account token, PNG otherwise) and `GET /d-solo/<uid>/...`
 * (the HTML page an iframe loads). Records every request.
 */
export async function startFakeGrafana(options: {
  token: string;
  delayMs?: number;
  /** Fixed port (default: a free one). */
  port?: number;
}) {
  const requests: Array<{
    path: string;
    params: URLSearchParams;
    authorization?: string;
  }> = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://grafana');
    requests.push({
      path: url.pathname,
      params: url.searchParams,
      authorization: req.headers.authorization,
    });
    const render = /^\/render\/d-solo\/([a-zA-Z0-9_-]+)(\/[^/]*)?\/?$/.exec(
      url.pathname,
    );
    const solo = /^\/d-solo\/([a-zA-Z0-9_-]+)(\/[^/]*)?\/?$/.exec(url.pathname);
    if (url.pathname === '/api/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ database: 'ok', version: '11.3.0' }));
      return;
    }
    if (render) {
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'Unauthorized' }));
        return;
      }
      if (options.delayMs)
        await new Promise(r => setTimeout(r, options.delayMs));
      const panelId = Number(url.searchParams.get('panelId'));
      const width = Math.min(
        2000,
        Number(url.searchParams.get('width') ?? 1000),
      );
      const height = Math.min(
        2000,
        Number(url.searchParams.get('height') ?? 500),
      );
      if (!panelId || !width || !height) {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ message: 'panelId, width and height are required' }),
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(panelImage(panelId, width, height));
      return;
    }
    if (solo) {
      const vars = [...url.searchParams.entries()]
        .filter(([k]) => k.startsWith('var-'))
        .map(([k, v]) => `${k.slice(4)}=${v}`)
        .join(', ');
      const esc = (s: string) =>
        s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><body style="margin:0;font-family:sans-serif;background:#f4f5f5">` +
          `<div style="padding:8px;font-size:13px;color:#464c54">Grafana panel ${esc(
            url.searchParams.get('panelId') ?? '',
          )} · ${esc(vars)}</div>` +
          `<svg viewBox="0 0 300 100" preserveAspectRatio="none" style="width:100%;height:70%">` +
          `<polyline fill="none" stroke="#3274d9" stroke-width="2" points="${Array.from(
            { length: 31 },
            (_, i) =>
              `${i * 10},${
                50 +
                30 * Math.sin(i / 3 + Number(url.searchParams.get('panelId')))
              }`,
          ).join(' ')}"/></svg></body></html>`,
      );
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: 'Not found' }));
  });
  const { url, stop } = await listenLoopback(server, options.port);
  return { url, requests, stop };
}
