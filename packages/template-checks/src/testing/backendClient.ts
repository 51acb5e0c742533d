/*
 * Talking to the template backend as a signed-in user: one request, waiting for a catalog
 * entity, waiting for a scaffolder task to end (with its log, output and error).
 */
import http from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import { waitFor } from '@internal/plugin-portico-node/testUtils';

export interface TaskResult {
  id: string;
  status: string;
  output: Record<string, any>;
  log: string[];
  /** The message of the failed step, when the task failed. */
  error?: string;
}

export interface DryRunResult {
  status: number;
  body: {
    output?: Record<string, any>;
    log?: Array<{
      body: { message: string; stepId?: string; status?: string };
    }>;
    directoryContents?: Array<{ path: string; base64Content: string }>;
    steps?: Array<{ id: string }>;
    errors?: unknown;
    error?: { message: string };
  };
}

export type BackendRequest = (
  user: string,
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

/** Requests to baseUrl as a user (mock credentials). */
export function backendRequest(baseUrl: string): BackendRequest {
  return async (user, method, path, body) => {
    // node:http without keep-alive: a pooled socket the server already closed would fail a POST.
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { status, text } = await new Promise<{
      status: number;
      text: string;
    }>((resolve, reject) => {
      const req = http.request(
        `${baseUrl}${path}`,
        {
          method,
          agent: false,
          headers: {
            authorization: mockCredentials.user.header(user),
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }),
          },
        },
        res => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', chunk => (data += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: data }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status, body: parsed };
  };
}

/** The entity `kind:namespace/name` once the catalog has it. */
export async function waitForEntity(
  request: BackendRequest,
  user: string,
  ref: string,
  timeoutMs = 60_000,
): Promise<any> {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  let last: number | undefined;
  return waitFor(
    `${ref} in the catalog`,
    async () => {
      const res = await request(
        user,
        'GET',
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
      last = res.status;
      return res.status === 200 ? res.body : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  ).catch(() => {
    throw new Error(
      `${ref} not in the catalog after ${timeoutMs} ms (last ${last})`,
    );
  });
}

const FINAL_TASK_STATUSES = ['completed', 'failed', 'cancelled'];

/** The task once it completed, failed or was cancelled: its output, log lines and error. */
export async function waitForTask(
  request: BackendRequest,
  user: string,
  id: string,
  timeoutMs = 120_000,
): Promise<TaskResult> {
  let last: unknown;
  const status = await waitFor(
    `task ${id} to end`,
    async () => {
      const task = await request(user, 'GET', `/api/scaffolder/v2/tasks/${id}`);
      last = task.body?.status;
      return FINAL_TASK_STATUSES.includes(task.body?.status)
        ? (task.body.status as string)
        : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  ).catch(() => {
    throw new Error(`task ${id} still ${last} after ${timeoutMs} ms`);
  });
  const events = await request(
    user,
    'GET',
    `/api/scaffolder/v2/tasks/${id}/events`,
  );
  const list: any[] = Array.isArray(events.body) ? events.body : [];
  const log = list
    .filter(e => e.type === 'log')
    .map(e => String(e.body?.message ?? ''));
  const completion = list.find(e => e.type === 'completion');
  return {
    id,
    status,
    output: completion?.body?.output ?? {},
    log,
    error:
      status === 'failed'
        ? completion?.body?.error?.message ?? completion?.body?.message
        : undefined,
  };
}
