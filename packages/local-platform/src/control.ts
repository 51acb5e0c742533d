/*
 * The one client of the local platform's control servers (LocalArgocd.control and, with
 * options.argoEvents.control, argoEvents.control): what benchmarks, harnesses and journeys ask
 * the fakes to do or tell.
 */

async function call(
  base: string,
  what: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<Response> {
  const res = await fetch(`${base}${route}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
  });
  if (!res.ok) throw new Error(`${what} control ${route}: ${res.status}`);
  return res;
}

/**
 * The fake Argo CD's control server: faults per instance, changed applications and request
 * counts.
 */
export function argocdControl(control: string) {
  const ask = (method: string, route: string, body?: unknown) =>
    call(control, 'fake Argo CD', method, route, body);
  return {
    /** Requests answered per instance and route (FakeRoute). */
    counts: async (): Promise<Record<string, Record<string, number>>> =>
      (await ask('GET', '/counts')).json(),
    /** Watch streams open right now, per instance. */
    openWatches: async (): Promise<Record<string, number>> =>
      (await ask('GET', '/watches')).json(),
    resetCounts: async () => {
      await ask('POST', '/counts/reset');
    },
    /** A FakeFault (`{ kind: 'down' }`, `{ kind: 'none' }`, ...) on one instance. */
    fault: async (instance: string, fault: { kind: string }) => {
      await ask('POST', '/fault', { instance, fault });
    },
    /**
     * Changes one application of an instance (fields of its FakeAppSpec, e.g.
     * `{ healthStatus: 'Degraded' }`); watchers of the fake see the change. Returns the new spec.
     */
    changeApp: async (
      instance: string,
      name: string,
      change: Record<string, unknown>,
    ): Promise<Record<string, unknown>> =>
      (
        await ask(
          'POST',
          `/apps/${encodeURIComponent(instance)}/${encodeURIComponent(name)}`,
          change,
        )
      ).json(),
  };
}

/** One request the Argo Events stand-in got (without its payload). */
export interface WebhookDelivery {
  idempotencyKey?: string;
  runId?: string;
  status: number | 'aborted';
  at: number;
}

/** The Argo Events stand-in's control server: outages and the deliveries it recorded. */
export function argoEventsControl(control: string) {
  const ask = (method: string, route: string) =>
    call(control, 'webhook', method, route);
  return {
    deliveries: async (): Promise<WebhookDelivery[]> =>
      (await ask('GET', '/deliveries')).json(),
    clearDeliveries: async () => {
      await ask('DELETE', '/deliveries');
    },
    /** Connection refused until recover(). */
    outage: async () => {
      await ask('POST', '/outage');
    },
    recover: async () => {
      await ask('POST', '/recover');
    },
  };
}
