import type { JsonValue } from '@backstage/types';
import { Worker } from 'node:worker_threads';
import { SECRET_KEY_PATTERN } from './AuditRedactor';

/**
 * String values of the configuration found under a key that looks like a credential
 * (`backend.auth.keys[].secret`, `...password`, `...clientSecret`, `...token`). Immediate and
 * cheap; the schema-based list (`secretsFromConfigSchema`) completes it.
 */
export function secretsByKeyName(data: JsonValue | undefined): string[] {
  const secrets: string[] = [];
  const visit = (value: JsonValue | undefined, underSecretKey: boolean) => {
    if (typeof value === 'string') {
      if (underSecretKey) {
        secrets.push(value);
      }
    } else if (Array.isArray(value)) {
      value.forEach(item => visit(item, underSecretKey));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        visit(item, underSecretKey || SECRET_KEY_PATTERN.test(key));
      }
    }
  };
  visit(data, false);
  return secrets;
}

/*
 * Runs in a worker thread: loading the config schema compiles every package's config.d.ts with
 * TypeScript, several seconds of CPU that would otherwise stall the backend's event loop.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createConfigSecretEnumerator } = require(workerData.enumeratorModule);
const noop = () => {};
const logger = { error: noop, warn: noop, info: noop, debug: noop, child: () => logger };
createConfigSecretEnumerator({ logger, dir: workerData.dir })
  .then(enumerate => {
    const secrets = enumerate({ getOptional: () => workerData.data });
    parentPort.postMessage({ secrets: Array.from(secrets) });
  })
  .catch(error => parentPort.postMessage({ error: String((error && error.message) || error) }));
`;

/**
 * Values of the config keys that the installed packages' config schemas declare
 * `@visibility secret` (what the root logger redacts), enumerated with
 * `createConfigSecretEnumerator` from `@backstage/backend-defaults/rootConfig` in a worker thread.
 */
export function secretsFromConfigSchema(options: {
  data: JsonValue | undefined;
  /** Directory inside the monorepo or package whose schema to load; default `process.cwd()`. */
  dir?: string;
  timeoutMs?: number;
}): Promise<string[]> {
  const { data, dir = process.cwd(), timeoutMs = 120_000 } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        enumeratorModule: require.resolve(
          '@backstage/backend-defaults/rootConfig',
        ),
        dir,
        data: data ?? {},
      },
    });
    worker.unref();
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`config schema not loaded within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref?.();
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    worker.once('message', (message: { secrets?: string[]; error?: string }) =>
      finish(() =>
        message.error !== undefined
          ? reject(new Error(message.error))
          : resolve(message.secrets ?? []),
      ),
    );
    worker.once('error', error => finish(() => reject(error)));
    worker.once('exit', code =>
      finish(() =>
        reject(new Error(`config schema worker exited with code ${code}`)),
      ),
    );
  });
}
