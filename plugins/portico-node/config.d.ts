export interface Config {
  portico?: {
    access?: {
      /**
       * Service subjects that the routes Portico keeps for users accept as well: a static key's
       * `subject` (backend.auth.externalAccess) or `plugin:<id>` for a plugin's own token. Those
       * routes act or reveal something sensitive (catalog location and entity changes, refresh,
       * scaffolder tasks, the Kubernetes proxy); the permission policy is never asked about a
       * service, so a subject listed here may do there whatever its `accessRestrictions` allow.
       * Default: none.
       */
      serviceSubjects?: string[];
    };
    /**
     * Namespaces no template, action or provisioning run may create or act in, besides the
     * built-in list (`default`, `kube-*`, and the platform's own: argocd, argo, argo-events,
     * external-secrets, cert-manager, ingress-nginx, monitoring, portico). Entries may end in `*`.
     */
    reservedNamespaces?: string[];
    /**
     * Which namespaces each team holds: the platform's own fact (the Namespace's
     * `portico.io/team` label, written by the GitOps commit), never a catalog annotation.
     */
    teamNamespaces?: {
      /**
       * `kubernetes`: list Namespaces labelled `portico.io/team=<team>` through the Kubernetes API
       * (the portal's service account in the cluster, or `kubernetes.url`/`token`).
       * `static`: the map below (local development, tests). Default: `static` with an empty map.
       */
      source?: 'kubernetes' | 'static';
      /** Seconds a team's namespace list is cached. Default 30. */
      cacheSeconds?: number;
      kubernetes?: {
        /** API server URL; default: the in-cluster service account. */
        url?: string;
        /**
         * Bearer token of a service account that may list Namespaces.
         * @visibility secret
         */
        token?: string;
        /** Base64 PEM CA bundle of the API server. */
        caData?: string;
        /** Skip TLS verification (local clusters only). */
        skipTLSVerify?: boolean;
      };
      /** Team (group name) → namespaces it holds. */
      static?: { [team: string]: string[] };
    };
  };
}
