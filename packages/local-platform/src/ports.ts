/**
 * The fixed loopback ports of `make start` (LocalPlatformOptions.ports = 'fixed'): the one place
 * they are named. Tests and benchmarks use free ports instead.
 */
export const LOCAL_PORTS = {
  app: 3000,
  backend: 7007,
  git: 7008,
  prometheus: 9090,
  loki: 3100,
  grafana: 3001,
  argoEvents: 12000,
  dex: 5556,
  argocdProd: 8081,
  argocdStaging: 8082,
  argocdControl: 8089,
} as const;

export type LocalPortName = keyof typeof LOCAL_PORTS;
