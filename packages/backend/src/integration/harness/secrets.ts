/* The secret strings of the test setup: each peer's credential, and a canary that must never leak. */

export const TEST_SECRETS = {
  argocdToken: 'security-checks-argocd-token-5b1e0c',
  staticKey: 'security-checks-static-key-7f3a91d2c4',
  unrestrictedKey: 'security-checks-unrestricted-key-2c9e44',
  webhookToken: 'security-checks-eventsource-secret-91aa',
  grafanaToken: 'security-checks-grafana-token-0d3f',
  dexSecret: 'security-checks-dex-secret-8812',
  sessionSecret: 'security-checks-session-secret-77ab',
} as const;

/** A secret in team-b's Helm values: it must never reach another caller. */
export const HELM_VALUES_CANARY = 'team-b-helm-db-password-canary-1d9e';
