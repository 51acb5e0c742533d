import type { HumanDuration } from '@backstage/types';

export interface Config {
  provisioning?: {
    argoEvents?: {
      /**
       * URL of the Argo Events webhook EventSource the runs are POSTed to, e.g.
       * http://provisioning-eventsource-svc.argo-events.svc:12000/provisioning. Unset: runs are
       * recorded but stay queued until it is configured.
       */
      webhookUrl?: string;
      /**
       * The EventSource's auth secret, sent as `Authorization: Bearer`. Never logged or stored.
       * @visibility secret
       */
      authToken?: string;
      /** Timeout of one webhook request in ms (default 10000). */
      requestTimeoutMs?: number;
      /** Delivery attempts before a run fails (default 10). */
      maxAttempts?: number;
      /** First retry delay in ms, doubled per attempt with jitter (default 1000). */
      backoffBaseMs?: number;
      /** Largest retry delay in ms (default 60000). */
      backoffMaxMs?: number;
    };
    callback?: {
      /**
       * Base URL the workflow calls back, when it differs from `backend.baseUrl` (for example the
       * in-cluster service URL). The callback is `<base>/api/provisioning/runs/<id>/events`.
       */
      baseUrl?: string;
      /** How long a run's callback token is accepted after delivery (default 24 hours). */
      tokenTtl?: HumanDuration | string;
    };
    dispatcher?: {
      /** How often the outbox is polled, in ms (default 1000); a trigger also wakes it at once. */
      intervalMs?: number;
      /** Outbox rows claimed per poll (default 50). */
      batchSize?: number;
      /** How long a claim holds a row against other replicas, in ms (default: request timeout + 15 s). */
      leaseMs?: number;
    };
  };
}
