export interface Config {
  /**
   * Observability per service: metrics (Prometheus), logs (Loki), Grafana panels and a cost
   * estimate. Every upstream URL and credential stays on the server; the browser only names an
   * entity, a signal and a time range.
   */
  observability?: {
    prometheus?: {
      /** Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090 */
      url: string;
      /**
       * Bearer token sent to Prometheus (e.g. a proxy in front of it).
       * @visibility secret
       */
      token?: string;
      /**
       * Extra headers sent to Prometheus (e.g. X-Scope-OrgID for Mimir/Thanos).
       * @visibility secret
       */
      headers?: { [name: string]: string };
      /** How long one query may take, in seconds (default 10); longer answers 504. */
      timeout?: number;
    };
    loki?: {
      /** Base URL of the Loki HTTP API, e.g. http://loki.monitoring:3100 */
      url: string;
      /**
       * Bearer token sent to Loki.
       * @visibility secret
       */
      token?: string;
      /** Tenant sent as X-Scope-OrgID (multi-tenant Loki). */
      tenant?: string;
      /** How long one query may take, in seconds (default 10). */
      timeout?: number;
      /**
       * The label (or structured metadata) the level filter matches (default `detected_level`,
       * which Loki 3 fills in).
       */
      levelLabel?: string;
    };
    grafana?: {
      /** Base URL of Grafana as browsers reach it, e.g. https://grafana.example.com */
      url: string;
      /**
       * `iframe` (default): the browser loads `/d-solo/` panels from Grafana itself (Grafana needs
       * `allow_embedding = true` and anonymous access or an auth proxy). `render-proxy`: the
       * backend fetches each panel as a PNG from `/render/d-solo/` with the service account token
       * (Grafana needs the image renderer) — no anonymous access needed.
       */
      embedMode?: 'iframe' | 'render-proxy';
      /**
       * Service account token for `render-proxy` mode (Viewer role is enough).
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** URL Grafana is reached at by the backend, when it differs from `url`. */
      internalUrl?: string;
      /**
       * Dashboards (uids) each team's entities may name in `grafana/dashboard-url`, keyed by the
       * team's group name (`portico.io/team`), e.g. `teamDashboards: { team-a: [checkout-slo] }`.
       * Any other uid is refused (403 naming it): the backend's service account may see more
       * dashboards than a team should embed.
       */
      teamDashboards?: { [team: string]: string[] };
      /** Dashboards (uids) every team's entities may name, besides `defaultDashboard`. */
      sharedDashboards?: string[];
      /** Dashboard shown for entities without a `grafana/dashboard-url` annotation (always allowed). */
      defaultDashboard?: {
        uid: string;
        /** Panels to embed: their ids and the titles shown above them. */
        panels: Array<{ id: number; title?: string }>;
      };
      /** Grafana variables filled with the entity's selector (default service + namespace). */
      variables?: {
        /** Variable that receives the app label value (default `service`). */
        service?: string;
        /** Variable that receives the namespace (default `namespace`). */
        namespace?: string;
      };
      /** How long rendering one panel may take, in seconds (default 20). */
      timeout?: number;
    };
    /**
     * How an entity maps to metric labels. The namespace matcher is always built by the backend
     * from the namespaces the entity's owning team holds (`portico.teamNamespaces`);
     * `backstage.io/kubernetes-namespace` (or the namespace label in
     * `portico.io/prometheus-selector`) may only narrow it to one of them.
     */
    selector?: {
      /** Label holding the Kubernetes namespace (default `namespace`). */
      namespaceLabel?: string;
      /** Label holding the app name (default `app`). */
      appLabel?: string;
    };
    /**
     * The HTTP server metric family the defaults query: `prometheus` (http_requests_total +
     * http_request_duration_seconds_bucket, label `code`; default) or `micrometer`
     * (http_server_requests_seconds_count/_bucket, label `status`).
     */
    httpMetrics?: 'prometheus' | 'micrometer';
    /**
     * Query templates replacing the defaults, per signal and series, e.g.
     * `queries.cpu.usage: sum(rate(my_cpu_seconds{$selector}[$window]))`. Placeholders:
     * `$selector` (required; the entity's escaped label matchers), `$window` (rate window),
     * `$quantile` (latency only).
     */
    queries?: {
      [signal: string]: { [series: string]: string };
    };
    /**
     * Shortest `$window` of rate() in chart queries, in seconds (default 60: several scrapes at
     * the usual 15 s interval). The window is the larger of this and the step.
     */
    minRateWindowSeconds?: number;
    /** Monthly cost estimate prices. */
    cost?: {
      /** Price of one CPU core for one hour. */
      cpuPerCoreHour?: number;
      /** Price of one GiB of memory for one hour. */
      memoryPerGiBHour?: number;
      /** Price of one GiB of persistent volume for one month. */
      storagePerGiBMonth?: number;
      /** Window CPU usage is averaged over for the estimate, in seconds (default 300). */
      usageWindowSeconds?: number;
      /** ISO 4217 code shown with the figures (default USD). */
      currency?: string;
    };
    /**
     * Windows are always one of the preset ranges (15m, 1h, 6h, 24h, 7d) with the step the backend
     * chooses for it; these limits narrow that set.
     */
    limits?: {
      /** Widest preset range served, in seconds (default 30 days: all of them). */
      maxRangeSeconds?: number;
      /** Finest step used, in seconds (default 10); a preset's step is never finer. */
      minStepSeconds?: number;
      /** Most log lines per request (default 1000). */
      maxLogLines?: number;
    };
    cache?: {
      /** Seconds a query result is reused (default 15). */
      ttlSeconds?: number;
      /** Results kept at most (default 2000). */
      maxEntries?: number;
      /**
       * Estimated bytes the kept results may take at most (default 67108864, 64 MiB); least
       * recently used results are dropped first, and a result larger than this is not kept.
       */
      maxBytes?: number;
    };
    /**
     * Per-caller budget (a token bucket per user entity ref, or per service subject) of every
     * route that reaches Prometheus, Loki or Grafana; over it the answer is 429 with Retry-After.
     */
    rateLimit?: {
      /** Sustained requests per minute (default 300). */
      requestsPerMinute?: number;
      /** Requests allowed at once before the sustained rate applies (default 60). */
      burst?: number;
      /** Callers remembered at once (default 10000; least recently seen forgotten first). */
      maxCallers?: number;
    };
  };
}
