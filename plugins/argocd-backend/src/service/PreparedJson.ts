import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/** Below this size a body is sent as is (the compression middleware's own threshold). */
const GZIP_MIN_BYTES = 1024;

/**
 * A JSON body serialized, tagged and (when large enough) gzipped once, then sent to every viewer
 * of the same snapshot: the answers of the cached routes no longer pay JSON.stringify, an ETag
 * hash and gzip per request. A client that already has it gets 304.
 */
export class PreparedJson {
  readonly body: Buffer;
  readonly etag: string;
  private gzipped?: Buffer | null;

  constructor(value: unknown) {
    this.body = Buffer.from(JSON.stringify(value), 'utf8');
    this.etag = `W/"${createHash('sha1')
      .update(this.body)
      .digest('base64url')}"`;
  }

  /** The gzipped body, made on first use; undefined for small bodies. */
  get gzip(): Buffer | undefined {
    if (this.gzipped === undefined) {
      this.gzipped =
        this.body.length >= GZIP_MIN_BYTES ? gzipSync(this.body) : null;
    }
    return this.gzipped ?? undefined;
  }

  send(req: Request, res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('ETag', this.etag);
    // per viewer (the routes need credentials) and always revalidated: the snapshot moves on
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const gzip = this.gzip;
    if (gzip && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      // already encoded: the compression middleware passes it through
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', gzip.length);
      res.end(req.method === 'HEAD' ? undefined : gzip);
      return;
    }
    res.setHeader('Content-Length', this.body.length);
    res.end(req.method === 'HEAD' ? undefined : this.body);
  }
}

/**
 * Prepared bodies keyed by the object they were made from. Objects of a snapshot's index live
 * as long as the snapshot (or as long as an application stays unchanged across snapshots), so
 * entries go away with them.
 */
export class PreparedJsonCache<K extends object> {
  private readonly bodies = new WeakMap<K, PreparedJson>();

  get(key: K, make: () => unknown): PreparedJson {
    let prepared = this.bodies.get(key);
    if (!prepared) {
      prepared = new PreparedJson(make());
      this.bodies.set(key, prepared);
    }
    return prepared;
  }
}
