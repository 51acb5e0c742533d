import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Service health at a glance (service-health-backend). */
  serviceHealth?: {
    /**
     * The GitHub source: commits, workflow runs and code-scanning alerts of every catalog
     * component with a `github.com/project-slug` annotation in one of `organizations`. Without
     * it, the cards and columns say "no data".
     */
    github?: {
      /** REST API base URL (default https://api.github.com; GitHub Enterprise: https://<host>/api/v3). */
      apiBaseUrl?: string;
      /**
       * The organizations (repository owners) whose repositories are read. An annotation naming any
       * other owner is not read: the annotation only points, the platform decides.
       */
      organizations: string[];
      /** A GitHub App installation (production): read-only Contents, Actions and Code scanning alerts. */
      app?: {
        appId: string;
        /**
         * The App's private key (PEM), e.g. `${SERVICE_HEALTH_GITHUB_APP_PRIVATE_KEY}`.
         * @visibility secret
         */
        privateKey: string;
        /** The installation on the organization(s). */
        installationId: number;
      };
      /**
       * A token, for local development and tests only (production uses `app`).
       * @visibility secret
       */
      token?: string;
      /** Commits kept per repository (default 10, at most 100). */
      commits?: number;
      /** Workflow runs kept per repository, of the default branch (default 20, at most 100). */
      runs?: number;
      /** How often every repository is read (default 5 minutes). */
      frequency?: HumanDuration;
      /** How long one read of all repositories may take (default 4 minutes). */
      timeout?: HumanDuration;
      /** Timeout of one GitHub request in milliseconds (default 15000). */
      requestTimeoutMs?: number;
      /** Repositories read at the same time (default 4). */
      concurrency?: number;
    };
    /**
     * The cluster source: CVEs in the images each component runs, from trivy-operator's
     * VulnerabilityReports, read with the portal's service account in the namespaces the platform
     * gives the component's owning team (portico.teamNamespaces). Without it, vulnerability cards
     * and columns say "no data".
     */
    cluster?: {
      /** API server URL; absent: the in-cluster service account the portal runs with. */
      url?: string;
      /**
       * Bearer token for `url` (needs list on deployments, statefulsets, replicasets and
       * vulnerabilityreports.aquasecurity.github.io; never secrets).
       * @visibility secret
       */
      token?: string;
      /** PEM of the API server's CA, base64. */
      caData?: string;
      /** Skips TLS verification (loopback fakes only). */
      skipTLSVerify?: boolean;
      /** The workloads' label that holds the app name (default app.kubernetes.io/name). */
      appLabel?: string;
      /** How often every component is read (default 10 minutes). */
      frequency?: HumanDuration;
      /** How long one read of all components may take (default 5 minutes). */
      timeout?: HumanDuration;
    };
  };
}
