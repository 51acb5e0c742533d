import type { HumanDuration } from '@backstage/types';

export interface Config {
  provisioning?: {
    /**
     * The provisioning templates runs may be started for (the names the Sensor routes on), each
     * with the JSON Schema of its parameters. Only the platform writes this: `POST /runs` refuses
     * any other template, and parameters the schema refuses (unknown ones included: every object
     * of the schema is closed, `additionalProperties: false`), before anything is written.
     */
    templates?: {
      [name: string]: {
        /**
         * JSON Schema (draft-07, ajv strict mode, checked at startup) of the run's parameters;
         * `type: object`.
         */
        parameters: { [keyword: string]: unknown };
        /**
         * Parameters that name a Kubernetes namespace the run creates or acts in (any parameter
         * whose name ends in `namespace` is one too): reserved namespaces are refused as field
         * errors, and a namespace another team holds with 403.
         */
        namespaceParameters?: string[];
      };
    };
    limits?: {
      /** Runs one user may have queued, delivering or running at once (default 10); then 429. */
      activeRunsPerUser?: number;
    };
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
      /**
       * How long a run's callback token is accepted after its delivery attempt (default 90
       * minutes: the WorkflowTemplate's 1 h deadline plus margin; at most 6 h). Every new
       * attempt revokes the previous token; the run's end revokes it too.
       */
      tokenTtl?: HumanDuration | string;
      /**
       * How the token reaches the workflow. `secret` (default): the portal writes it into the
       * Secret `portico-run-<runId>` of the workflows' namespace and the report step reads it
       * with secretKeyRef; it is in no event, Workflow parameter or log. `payload`: in the webhook
       * body (local development with the harness only; refused when NODE_ENV is production).
       */
      tokenDelivery?: 'secret' | 'payload';
      /** Where `tokenDelivery: secret` writes the token Secrets. */
      secret?: {
        /** The namespace the workflows run in (default argo). */
        namespace?: string;
        /** API server access; default: the portal's in-cluster service account. */
        kubernetes?: {
          url?: string;
          /**
           * Bearer token of a service account that may create, update and delete these Secrets.
           * @visibility secret
           */
          token?: string;
          /** Base64 PEM CA bundle of the API server. */
          caData?: string;
          /** Skip TLS verification (local clusters only). */
          skipTLSVerify?: boolean;
        };
      };
      /**
       * Refused callbacks (wrong, unknown or expired token) tolerated before answering 429.
       * Nothing is written for a refused callback; refusals are counted in the metric
       * portico.provisioning.callback.refused.
       */
      refusals?: {
        /** Per source address and window (default 20); then every callback from it gets 429. */
        perSourceIp?: number;
        /** Per run and window (default 10); then refused callbacks of the run get 429. */
        perRun?: number;
        /** Window length in seconds (default 60). */
        windowSeconds?: number;
      };
    };
    dispatcher?: {
      /** How often the outbox is polled, in ms (default 1000); a trigger also wakes it at once. */
      intervalMs?: number;
      /** Outbox rows claimed per poll (default 50, at most 200): requests in flight at once. */
      batchSize?: number;
      /** How long a claim holds a row against other replicas, in ms (default: request timeout + 15 s). */
      leaseMs?: number;
    };
  };
}
