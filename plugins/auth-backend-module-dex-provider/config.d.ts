export interface Config {
  auth?: {
    providers?: {
      /**
       * Dex sign-in (OpenID Connect, through the authenticator of
       * @backstage/plugin-auth-backend-module-oidc-provider). Callback: <backend>/api/auth/dex/handler/frame
       */
      dex?: {
        [authEnv: string]: {
          /** Dex issuer metadata, e.g. https://dex.example.com/dex/.well-known/openid-configuration */
          metadataUrl: string;
          clientId: string;
          /** @visibility secret */
          clientSecret: string;
          callbackUrl?: string;
          tokenEndpointAuthMethod?: string;
          tokenSignedResponseAlg?: string;
          /** Scopes besides `openid profile email`; Portico needs `groups`. */
          additionalScopes?: string | string[];
          prompt?: string;
          timeout?: { [unit: string]: number } | string;
          startUrlSearchParams?: string[];
          signIn?: {
            resolvers: Array<
              | {
                  resolver: 'emailMatchingUserEntityWithDexGroups';
                  /** Catalog namespace of the groups named in the Dex `groups` claim. Default `default`. */
                  groupNamespace?: string;
                  /**
                   * Prefix the upstream connector adds to every group (e.g. `my-org:` for Dex's
                   * GitHub connector), removed before lookup; groups without it are ignored.
                   * Required in production (auth.environment or NODE_ENV production) unless
                   * ignoreGroupsClaim is true: the backend does not start without it.
                   */
                  stripGroupPrefix?: string;
                  /**
                   * Ignore the Dex `groups` claim: ownership comes only from the catalog's
                   * membership (e.g. an LDAP connector whose groups carry no prefix).
                   */
                  ignoreGroupsClaim?: boolean;
                }
              | { resolver: 'emailMatchingUserEntityProfileEmail' }
              | { resolver: 'emailLocalPartMatchingUserEntityName' }
            >;
          };
        };
      };
    };
  };
}
