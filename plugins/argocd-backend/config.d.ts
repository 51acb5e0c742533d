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
    /**
     * Follow each instance's watch stream (`/api/v1/stream/applications`; default true): one
     * replica at a time lists the instance, then applies each change. False: list every
     * `refresh.frequency` instead (for an Argo CD that cannot stream).
     */
    watch?: boolean;
    refresh?: {
      /** Without `watch`: how often each instance's application list is fetched (default 30 s). */
      frequency?: HumanDuration | string;
      /** With `watch`: a full list this often anyway, the safety resync (default 10 min). */
      resync?: HumanDuration | string;
      /**
       * With `watch`: one replica watches an instance this long, then hands over (any replica
       * resumes from the stored resourceVersion); a dead replica's watch is taken over within
       * about this plus 30 s (default 2 min).
       */
      session?: HumanDuration | string;
      /** Give up on one list after this long (default 20 s). */
      timeout?: HumanDuration | string;
      /** How often each replica reads the changed applications from the database (default 500 ms). */
      reload?: HumanDuration | string;
    };
    /** Timeout of single upstream calls (revision metadata, sync, refresh; default 10 s). */
    requestTimeout?: HumanDuration | string;
  };
}
