import express from 'express';
import request from 'supertest';
import { gunzipSync } from 'node:zlib';
import { PreparedJson, PreparedJsonCache } from './PreparedJson';
import { rawBody } from '../testing/rawBody';

const big = {
  items: Array.from({ length: 200 }, (_, i) => ({ name: `app-${i}` })),
};

function app(body: unknown) {
  const prepared = new PreparedJson(body);
  const a = express();
  // (with Backstage's compression middleware in front: roadieRoutes.test.ts)
  a.get('/x', (req, res) => prepared.send(req, res));
  return { a, prepared };
}

describe('PreparedJson', () => {
  it('sends a large body gzipped, the bytes prepared once', async () => {
    const { a, prepared } = app(big);
    const res = await request(a)
      .get('/x')
      .set('accept-encoding', 'gzip')
      .buffer(true)
      .parse(rawBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.headers.etag).toBe(prepared.etag);
    // superagent inflates one layer: what arrives is the prepared body, exactly
    expect(Buffer.compare(res.body, prepared.body)).toBe(0);
    expect(gunzipSync(prepared.gzip!).equals(prepared.body)).toBe(true);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual(big);
  });

  it('sends plain JSON to a client that does not take gzip', async () => {
    const { a } = app(big);
    const res = await request(a).get('/x').set('accept-encoding', 'identity');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toEqual(big);
    const refused = await request(a)
      .get('/x')
      .set('accept-encoding', 'gzip;q=0, identity');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toEqual(big);
  });

  it('does not gzip small bodies', async () => {
    const { a, prepared } = app([{ name: 'prod' }]);
    expect(prepared.gzip).toBeUndefined();
    const res = await request(a).get('/x').set('accept-encoding', 'gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toEqual([{ name: 'prod' }]);
  });

  it('answers 304 to a client that has the same body, 200 to one with another', async () => {
    const { a, prepared } = app(big);
    const same = await request(a).get('/x').set('if-none-match', prepared.etag);
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    const other = await request(a).get('/x').set('if-none-match', 'W/"old"');
    expect(other.status).toBe(200);
    expect(other.body).toEqual(big);
  });

  it('tags different bodies differently', () => {
    expect(new PreparedJson({ a: 1 }).etag).not.toBe(
      new PreparedJson({ a: 2 }).etag,
    );
    expect(new PreparedJson({ a: 1 }).etag).toBe(
      new PreparedJson({ a: 1 }).etag,
    );
  });
});

describe('PreparedJsonCache', () => {
  it('prepares a body once per key object', () => {
    const cache = new PreparedJsonCache<object>();
    const key = {};
    const make = jest.fn(() => big);
    const first = cache.get(key, make);
    expect(cache.get(key, make)).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
    expect(cache.get({}, make)).not.toBe(first);
    expect(make).toHaveBeenCalledTimes(2);
  });
});
