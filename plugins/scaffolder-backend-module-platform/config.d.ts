export interface Config {
  portico?: {
    scaffolder?: {
      /** Image repository prefix for new services: `<imageRepository>/<name>:0.1.0` (the tag of the VERSION file the new repository starts with; never `latest`). Default `registry.local/portico`. */
      imageRepository?: string;
      /** Namespace of the ingress controller allowed to reach services. Default `ingress-nginx`. */
      ingressNamespace?: string;
      /** ClusterRole the owning team is bound to in its namespace. Default `edit`. */
      teamClusterRole?: string;
      /**
       * The External Secrets store every generated ExternalSecret reads from (platform config
       * only: no template input chooses it). Default ClusterSecretStore `vault`; see
       * deploy/platform/cluster-secret-store.yaml for the conditions that limit who may use it.
       */
      secretStore?: {
        kind?: 'ClusterSecretStore' | 'SecretStore';
        name?: string;
      };
      /**
       * Root of every key a service may read in the store: keys are forced under
       * `<remoteKeyPrefix>/<team>/<service>/` (storage credentials: `.../postgres`,
       * `.../object-storage`). Default `services`.
       */
      remoteKeyPrefix?: string;
      /** Namespace of the shared PostgreSQL the services may reach. Default `databases`. */
      postgresNamespace?: string;
      gitops?: {
        /** GitOps repository as `host?owner=<org>&repo=<name>` on the configured Git server. */
        repoUrl: string;
        /** Default `main`. */
        branch?: string;
        /** Directory holding one directory per service. Default `apps`. */
        basePath?: string;
        /** Directory of the Argo CD Applications (app of apps). Default `argocd/applications`. */
        applicationsPath?: string;
        /**
         * Directory of the per-team Argo CD AppProjects (`<projectsPath>/team-<team>.yaml`),
         * synced by the platform's app of apps. Default `argocd/projects`.
         */
        projectsPath?: string;
        /**
         * Directory of the namespace guard objects (Namespace, RoleBinding, ResourceQuota,
         * LimitRange, NetworkPolicies, the secrets ServiceAccount), one directory per namespace,
         * synced by a platform-level Application (teams' AppProjects may not create them).
         * Default `platform/namespaces`.
         */
        namespacesPath?: string;
        /**
         * Repositories Applications (and the teams' AppProjects) may sync from, as clone URLs.
         * Default: the GitOps repository itself.
         */
        sourceRepos?: string[];
        /** Namespace Argo CD Applications live in. Default `argocd`. */
        argocdNamespace?: string;
        /** Cluster Argo CD deploys to. Default `https://kubernetes.default.svc`. */
        destinationServer?: string;
      };
      git?: {
        /** `loopback` (tests and local: the Portico loopback Git server) or `github` (GitHub App). */
        provider: 'loopback' | 'github';
        /** Loopback: the server's base URL, e.g. http://127.0.0.1:7008. GitHub: https://github.com */
        baseUrl: string;
        loopback?: {
          /**
           * Admin token of the loopback server (issues the scoped tokens).
           * @visibility secret
           */
          adminToken: string;
        };
        githubApp?: {
          appId: string | number;
          installationId: string | number;
          /**
           * PEM private key of the GitHub App.
           * @visibility secret
           */
          privateKey: string;
          /** Default https://api.github.com */
          apiBaseUrl?: string;
        };
      };
      /** Cluster used to check that secret stores exist; unset = no check. */
      kubernetes?: {
        /** Name shown in messages. */
        name?: string;
        /** API server URL. */
        url: string;
        /**
         * Bearer token of a service account that may get (Cluster)SecretStores.
         * @visibility secret
         */
        token?: string;
        /** Base64 PEM CA bundle of the API server. */
        caData?: string;
        /** Skip TLS verification (local clusters only). */
        skipTLSVerify?: boolean;
      };
    };
  };
}
