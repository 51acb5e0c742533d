/*
 * Fake Argo CD instances for the browser journeys, from argocd-backend's test utilities.
 *
 * Started by portal.ts as a child process (CommonJS + Backstage's node transform, because the
 * fake is TypeScript inside a workspace package):
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs e2e/fake-argocd.cts
 *
 * - Serves the applications named by the example catalog's `argocd/app-name` annotations
 *   (read from catalog/, not copied): all of them on instance `prod`, payments-api and
 *   checkout-service also on `staging`. A few have other states (out of sync, degraded, an
 *   operation running) so the pages show more than green. Each carries what the platform's
 *   GitOps commit writes for its entity's owning team: label `portico.io/team=<team>` and project
 *   `team-<team>`, so owners may sync and refresh them.
 * - Prints ONE line of JSON on stdout once listening:
 *     {"instances":[{"name":"prod","url":"http://127.0.0.1:N","token":"..."}],"control":"http://127.0.0.1:M"}
 * - The control server takes `POST /fault {"instance":"staging","fault":{"kind":"down"}}` (any
 *   FakeFault of the fake: none, error, timeout, down) so a journey can take an instance down.
 * - Stops on SIGTERM / SIGINT / stdin closing.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import {
  FakeArgoCd,
  type FakeAppSpec,
  type FakeFault,
} from '@internal/plugin-argocd-backend/testUtils';
import { teamOfGroupRef } from '@internal/plugin-portico-node';

const catalogDir = resolve(__dirname, '..', 'catalog');

/**
 * Every `argocd/app-name` annotation value under catalog/ (YAML files, any depth), with the team
 * that owns its entity (`spec.owner` of the same YAML document).
 */
function catalogApps(
  dir: string,
  into = new Map<string, string | undefined>(),
) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      catalogApps(path, into);
    } else if (/\.ya?ml$/.test(entry)) {
      const text = readFileSync(path, 'utf8');
      for (const doc of text.split(/^---\s*$/m)) {
        const owner = /^\s*owner:\s*['"]?([\w.:/-]+)['"]?\s*$/m.exec(doc)?.[1];
        for (const m of doc.matchAll(
          /^\s*argocd\/app-name:\s*['"]?([\w.-]+)['"]?\s*$/gm,
        )) {
          into.set(m[1], owner ? teamOfGroupRef(owner) : undefined);
        }
      }
    }
  }
  return into;
}

/** States other than Synced/Healthy, so the list and the pages show variety. */
const prodVariants: Record<string, Partial<FakeAppSpec>> = {
  'fraud-detector': {
    syncStatus: 'OutOfSync',
    healthStatus: 'Progressing',
    operationRunning: true,
  },
  'inventory-service': { healthStatus: 'Degraded', historyLength: 5 },
  'search-indexer': { syncStatus: 'OutOfSync' },
  'payments-api': { historyLength: 6 },
};
const stagingApps: Record<string, Partial<FakeAppSpec>> = {
  'payments-api': { syncStatus: 'OutOfSync', historyLength: 4 },
  'checkout-service': {},
};

async function main() {
  const apps = catalogApps(catalogDir);
  const names = [...apps.keys()].sort();
  if (names.length === 0)
    throw new Error(`no argocd/app-name under ${catalogDir}`);

  const spec = (name: string, extra?: Partial<FakeAppSpec>): FakeAppSpec => ({
    name,
    team: apps.get(name),
    ...extra,
  });
  const specs: Record<string, FakeAppSpec[]> = {
    prod: names.map(name => spec(name, prodVariants[name])),
    staging: names
      .filter(name => name in stagingApps)
      .map(name => spec(name, stagingApps[name])),
  };
  const fakes = new Map<string, { fake: FakeArgoCd; token: string }>();
  for (const [instance, apps] of Object.entries(specs)) {
    const token = randomBytes(16).toString('hex');
    fakes.set(instance, {
      fake: await FakeArgoCd.start({ apps, tokens: [token] }),
      token,
    });
  }

  const control = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        if (req.method !== 'POST' || req.url !== '/fault') {
          res.writeHead(404).end();
          return;
        }
        const { instance, fault } = JSON.parse(body) as {
          instance: string;
          fault: FakeFault;
        };
        const target = fakes.get(instance);
        if (!target) {
          res.writeHead(404).end(`no instance ${instance}`);
          return;
        }
        target.fake.fault = fault;
        res.writeHead(204).end();
      } catch (e) {
        res.writeHead(400).end(String(e));
      }
    });
  });
  await new Promise<void>(done => control.listen(0, '127.0.0.1', done));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    control.close();
    await Promise.all([...fakes.values()].map(({ fake }) => fake.close()));
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();

  process.stdout.write(
    `${JSON.stringify({
      instances: [...fakes].map(([name, { fake, token }]) => ({
        name,
        url: fake.url,
        token,
      })),
      control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
      apps: names,
    })}\n`,
  );
}

main().catch(e => {
  process.stderr.write(`fake-argocd: ${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
