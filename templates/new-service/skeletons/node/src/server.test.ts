import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createApp, SERVICE_NAME } from './server';

const readiness = { ready: true };
const server = createApp(readiness);
let base = '';

before(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.close();
});

test('GET /healthz answers 200 ok', async () => {
  const res = await fetch(`${base}/healthz`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('GET /readyz follows readiness', async () => {
  assert.equal((await fetch(`${base}/readyz`)).status, 200);
  readiness.ready = false;
  assert.equal((await fetch(`${base}/readyz`)).status, 503);
  readiness.ready = true;
});

test('GET / names the service; unknown paths are 404', async () => {
  assert.deepEqual(await (await fetch(`${base}/`)).json(), {
    service: SERVICE_NAME,
  });
  assert.equal((await fetch(`${base}/nope`)).status, 404);
});
