/*
 * The benches' HTTP client: node:http with keep-alive, asking for gzip and inflating it as a
 * browser does. One client for every path a bench compares, so a ratio is about the servers, not
 * the client (fetch alone cost more CPU per call than the calls being measured).
 */
import http from 'node:http';
import zlib from 'node:zlib';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface JsonRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
}

/** One call: the status and the parsed JSON answer (any status). */
export function requestJson(
  url: string,
  options: JsonRequest = {},
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    let payload: Buffer | undefined;
    let contentType: string | undefined;
    if (options.json !== undefined) {
      payload = Buffer.from(JSON.stringify(options.json));
      contentType = 'application/json';
    } else if (options.form) {
      payload = Buffer.from(new URLSearchParams(options.form).toString());
      contentType = 'application/x-www-form-urlencoded';
    }
    const req = http.request(url, {
      method: options.method ?? (payload ? 'POST' : 'GET'),
      agent,
      headers: {
        ...options.headers,
        'accept-encoding': 'gzip',
        ...(payload
          ? {
              'content-type': contentType!,
              'content-length': String(payload.length),
            }
          : {}),
      },
    });
    req.on('error', reject);
    req.on('response', res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          const text = (
            res.headers['content-encoding'] === 'gzip'
              ? zlib.gunzipSync(raw)
              : raw
          ).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : undefined,
          });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.end(payload);
  });
}
