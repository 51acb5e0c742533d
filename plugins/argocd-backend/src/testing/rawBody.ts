/**
 * A supertest/superagent parser that keeps the body as the bytes received (after superagent's
 * own inflating of one gzip layer): `.buffer(true).parse(rawBody)`.
 */
export function rawBody(
  res: { on(event: string, listener: (chunk?: any) => void): unknown },
  callback: (err: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
