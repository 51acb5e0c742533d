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
  };
}
