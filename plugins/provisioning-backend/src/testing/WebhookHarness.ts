import type {
  CallbackTokenSecretRef,
  WebhookRunPayload,
} from '@internal/plugin-provisioning-common';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** The fields of an Argo Events `WebhookContext` (EventSource `spec.webhook.<name>`) the harness uses. */
export interface WebhookContextLike {
  endpoint: string;
  method: string;
  port?: string;
}

/** One request that reached the endpoint with valid auth. */
export interface HarnessDelivery {
  idempotencyKey?: string;
  runId?: string;
  /** The status the harness answered, or `aborted` if the client left before the answer. */
  status: number | 'aborted';
  at: number;
  payload?: WebhookRunPayload;
}

/** How the harness answers authenticated requests. */
export type HarnessMode =
  | { kind: 'ok' }
  /** Answer with this status (e.g. 503: the event bus is down, 400/404: refused). */
  | { kind: 'status'; status: number }
  /** Never answer (the client's timeout fires). */
  | { kind: 'hang' };

/** The workflow the harness plays after accepting a run (calls the portal back). */
export interface HarnessWorkflow {
  steps: string[];
  /** Fail this step instead of succeeding it. */
  failStep?: string;
  /** Pause between reports in ms (default 50). */
  stepDelayMs?: number;
}

/** A callback the harness made while playing a workflow, and the portal's answer. */
export interface HarnessCallback {
  runId: string;
  body: Record<string, unknown>;
  status: number;
}

/**
 * A stand-in for an Argo Events webhook EventSource, configured from the same `WebhookContext`
 * as the real one: only `method` on `endpoint` (400 "http method does not match" otherwise, 404 on
 * other paths), `Authorization: Bearer <auth secret>` (401 "Invalid Authorization Header" /
 * "Invalid Auth token"), 200 "success" when the event is taken. It can add latency, answer 5xx,
 * hang (timeouts), and go away entirely (`outage()` closes the listener: connection refused),
 * and records every delivery so tests can count losses and duplicates by idempotency key.
 */
export class WebhookHarness {
  readonly deliveries: HarnessDelivery[] = [];
  readonly callbacks: HarnessCallback[] = [];
  mode: HarnessMode = { kind: 'ok' };
  latencyMs = 0;
  workflow?: HarnessWorkflow;
  /**
   * Reads the token of a payload that names a Secret (`tokenDelivery: secret`), as the
   * workflow's pod does with secretKeyRef; read again for every report, like each step's pod.
   */
  secretReader?: (ref: CallbackTokenSecretRef) => string | undefined;
  /** Answer the next N requests with this mode first (then fall back to `mode`). */
  private queue: HarnessMode[] = [];
  private server?: Server;
  private hanging = new Set<ServerResponse>();
  private played = new Set<string>();
  private workflows: Promise<void>[] = [];
  private port = 0;

  private constructor(
    private readonly context: WebhookContextLike,
    private readonly authToken: string | undefined,
  ) {}

  static async start(options: {
    context: WebhookContextLike;
    /** The EventSource's auth secret value; unset = no auth, like an EventSource without authSecret. */
    authToken?: string;
    /** 0 (default) = a free port; the context's own port is not used, tests run side by side. */
    port?: number;
  }): Promise<WebhookHarness> {
    const harness = new WebhookHarness(options.context, options.authToken);
    harness.port = options.port ?? 0;
    await harness.listen();
    return harness;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}${this.context.endpoint}`;
  }

  /** Answers the next requests with these modes, one each. */
  answerNext(...modes: HarnessMode[]): this {
    this.queue.push(...modes);
    return this;
  }

  /** Deliveries answered 2xx, per idempotency key. */
  acceptedByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.deliveries) {
      if (typeof d.status === 'number' && d.status < 300 && d.idempotencyKey) {
        counts.set(d.idempotencyKey, (counts.get(d.idempotencyKey) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** Goes away: the listener closes and open connections are cut, so clients get ECONNREFUSED. */
  async outage(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    await new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Comes back on the same port. */
  async recover(): Promise<void> {
    if (!this.server) await this.listen();
  }

  /** Waits for the workflows being played to finish their callbacks. */
  async settled(): Promise<void> {
    await Promise.all(this.workflows);
  }

  async stop(): Promise<void> {
    await this.outage();
    await this.settled();
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/health') {
      send(200, 'OK');
      return;
    }
    if (path !== this.context.endpoint) {
      send(404, '404 page not found');
      return;
    }
    if (this.authToken !== undefined) {
      const header = req.headers.authorization ?? '';
      if (!header.startsWith('Bearer ')) {
        send(401, 'Invalid Authorization Header');
        return;
      }
      if (header.slice('Bearer '.length) !== this.authToken) {
        send(401, 'Invalid Auth token');
        return;
      }
    }
    if (req.method !== this.context.method) {
      send(400, 'http method does not match');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let payload: WebhookRunPayload | undefined;
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      payload = undefined;
    }
    const delivery: HarnessDelivery = {
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      runId: payload?.runId,
      status: 'aborted',
      at: Date.now(),
      payload,
    };
    this.deliveries.push(delivery);
    const mode = this.queue.shift() ?? this.mode;
    if (this.latencyMs > 0) {
      await new Promise(r => setTimeout(r, this.latencyMs));
    }
    if (mode.kind === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (res.destroyed || req.socket.destroyed) return;
    if (mode.kind === 'status') {
      delivery.status = mode.status;
      send(
        mode.status,
        mode.status >= 500 ? 'failed to record event' : 'request refused',
      );
      return;
    }
    delivery.status = 200;
    send(200, 'success');
    if (this.workflow && payload && !this.played.has(payload.runId)) {
      this.played.add(payload.runId);
      this.workflows.push(this.play(payload, this.workflow));
    }
  }

  /** Plays the workflow: for each step a `running` then a `succeeded` (or `failed`) report. */
  private async play(payload: WebhookRunPayload, workflow: HarnessWorkflow) {
    const delay = workflow.stepDelayMs ?? 50;
    const report = async (body: Record<string, unknown>) => {
      await new Promise(r => setTimeout(r, delay));
      const token = payload.callbackTokenSecret
        ? this.secretReader?.(payload.callbackTokenSecret)
        : payload.callbackToken;
      try {
        const res = await fetch(payload.callbackUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token ?? ''}`,
          },
          body: JSON.stringify(body),
        });
        this.callbacks.push({ runId: payload.runId, body, status: res.status });
        return res.ok;
      } catch {
        this.callbacks.push({ runId: payload.runId, body, status: 0 });
        return false;
      }
    };
    for (const [i, step] of workflow.steps.entries()) {
      const last = i === workflow.steps.length - 1;
      await report({
        eventId: `${payload.runId}:${step}:running`,
        step,
        status: 'running',
        message: `Creating ${step}`,
      });
      const failed = workflow.failStep === step;
      await report({
        eventId: `${payload.runId}:${step}:${failed ? 'failed' : 'succeeded'}`,
        step,
        status: failed ? 'failed' : 'succeeded',
        message: failed ? `${step} could not be created` : `${step} ready`,
        resources: failed
          ? []
          : [
              {
                title: step,
                url: `https://console.example.com/${encodeURIComponent(
                  payload.entityRef,
                )}/${step}`,
              },
            ],
        final: last || failed,
      });
      if (failed) return;
    }
  }
}
