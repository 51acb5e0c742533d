import http from 'node:http';
import https from 'node:https';

/** Kept-alive connections to the upstreams, shared by every request of this backend. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface FormResponse {
  status: number;
  /** The body as text (the request asks for no content encoding). */
  text: string;
}

/** A request that ran out of time (`name` as fetch's, so callers map it to 504 alike). */
class TimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * POSTs a form and reads the whole answer, within `timeoutMs` (connect to last byte).
 *
 * node:http with a keep-alive agent rather than fetch: per query, fetch's web streams, abort
 * signals and response objects cost the backend more CPU than Prometheus took to answer a small
 * range query, and a proxy should add as little as it can. No Accept-Encoding: Prometheus sits
 * next to the backend, where compressing and inflating every answer only burns CPU on both sides.
 */
export function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<FormResponse> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      reject(error);
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) {
      reject(new Error(`unsupported protocol ${target.protocol}`));
      return;
    }
    const body = Buffer.from(new URLSearchParams(form).toString());
    const req = client.request(target, {
      method: 'POST',
      agent,
      headers: {
        ...headers,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(body.length),
        Accept: 'application/json',
      },
    });
    const timer = setTimeout(
      () => req.destroy(new TimeoutError(timeoutMs)),
      timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    req.on('error', fail);
    req.on('response', res => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('response aborted')));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(body);
  });
}
