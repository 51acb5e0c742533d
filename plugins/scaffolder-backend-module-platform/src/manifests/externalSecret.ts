import { V1ObjectMeta } from '@kubernetes/client-node';
import { metadata, Ownership } from './labels';

/** external-secrets.io/v1 ExternalSecret, the fields Portico sets. */
interface ExternalSecretObject {
  apiVersion: 'external-secrets.io/v1';
  kind: 'ExternalSecret';
  metadata: V1ObjectMeta;
  spec: {
    refreshInterval: string;
    secretStoreRef: {
      kind: 'ClusterSecretStore' | 'SecretStore';
      name: string;
    };
    target: { name: string; creationPolicy: 'Owner' };
    data: Array<{
      secretKey: string;
      remoteRef: { key: string; property?: string };
    }>;
  };
}

interface ExternalSecretOptions {
  name: string;
  namespace: string;
  who: Ownership;
  targetName: string;
  store: { kind: 'ClusterSecretStore' | 'SecretStore'; name: string };
  refreshInterval: string;
  data: Array<{ secretKey: string; remoteKey: string; property?: string }>;
}

export function buildExternalSecret(
  o: ExternalSecretOptions,
): ExternalSecretObject {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: metadata(o.who, o.name, o.namespace),
    spec: {
      refreshInterval: o.refreshInterval,
      secretStoreRef: { kind: o.store.kind, name: o.store.name },
      target: { name: o.targetName, creationPolicy: 'Owner' },
      data: o.data.map(d => ({
        secretKey: d.secretKey,
        remoteRef: {
          key: d.remoteKey,
          ...(d.property ? { property: d.property } : {}),
        },
      })),
    },
  };
}

/** The keys each storage kind's credentials provide (remote property → env var). */
export const STORAGE_CREDENTIALS = {
  postgresql: {
    suffix: 'postgres',
    keys: {
      PGHOST: 'host',
      PGPORT: 'port',
      PGDATABASE: 'database',
      PGUSER: 'username',
      PGPASSWORD: 'password',
    },
  },
  'object-storage': {
    suffix: 'object-storage',
    keys: {
      S3_ENDPOINT: 'endpoint',
      S3_BUCKET: 'bucket',
      AWS_ACCESS_KEY_ID: 'access-key-id',
      AWS_SECRET_ACCESS_KEY: 'secret-access-key',
    },
  },
} as const;
