import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Portico's Argo CD integration (argocd-backend). */
  argocd?: {
    /**
     * Argo CD instances. Without any, the API answers "not configured".
     */
    instances?: Array<{
      /** Name used in the `argocd/instance-name` annotation and in URLs. Letters, digits, `.`, `_`, `-`. */
      name: string;
      /** Base URL of the Argo CD API server as the backend reaches it, e.g. https://argocd.example.com */
      url: string;
      /** Base URL of the Argo CD UI as users reach it (default: `url`). */
      uiUrl?: string;
      /**
       * An Argo CD account token (read + sync + refresh rights), typically `${ARGOCD_TOKEN}`.
       * @visibility secret
       */
      token?: string;
      /** Local account to log in with when no token is set. */
      username?: string;
      /**
       * Password of `username`; the session token is cached until it expires.
       * @visibility secret
       */
      password?: string;
    }>;
    refresh?: {
      /** How often each instance's application list is fetched (default 30 s). */
      frequency?: HumanDuration | string;
      /** Give up on one refresh after this long (default 20 s). */
      timeout?: HumanDuration | string;
      /** How often each replica checks for a new snapshot in the database (default 5 s). */
      reload?: HumanDuration | string;
    };
    /** Timeout of single upstream calls (revision metadata, sync, refresh; default 10 s). */
    requestTimeout?: HumanDuration | string;
  };
}
