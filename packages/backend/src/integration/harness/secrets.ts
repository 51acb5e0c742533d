/*
 * The secret strings the harness chooses (the backend's keys, the Grafana upstream's token) and a
 * canary that must never leak. The local platform's peers choose their own (Peers.secrets).
 */

export const TEST_SECRETS = {
  staticKey: 'security-checks-static-key-7f3a91d2c4',
  unrestrictedKey: 'security-checks-unrestricted-key-2c9e44',
  grafanaToken: 'security-checks-grafana-token-0d3f',
  sessionSecret: 'security-checks-session-secret-77ab',
} as const;

/** A secret in team-b's Helm values: it must never reach another caller. */
export const HELM_VALUES_CANARY = 'team-b-helm-db-password-canary-1d9e';
