/*
 * deploy/platform/cluster-secret-store.yaml: the store the generated ExternalSecrets use, limited
 * to Portico team namespaces (spec.conditions on the portico.io/team label) and authenticating to
 * Vault as each namespace's own ServiceAccount. Validated against the ESO v1 CRD like the other
 * ESO objects, and kept in step with the scaffolder's defaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  readYamlDocuments,
  UpstreamManifestValidator,
} from '@internal/deployment-checks/testUtils';
import { TEAM_LABEL } from '@internal/plugin-portico-node';
import { parse } from 'yaml';
import { readPlatformSettings } from './config';
import { SECRETS_SERVICE_ACCOUNT } from './manifests/namespace';

const repoRoot = path.resolve(__dirname, '../../..');
const file = path.join(repoRoot, 'deploy/platform/cluster-secret-store.yaml');

describe('deploy/platform/cluster-secret-store.yaml', () => {
  const [store] = readYamlDocuments<any>(file);
  const validator = UpstreamManifestValidator.load();

  it('is a valid ESO v1 ClusterSecretStore', () => {
    expect(store.kind).toBe('ClusterSecretStore');
    expect(validator.validate(store)).toEqual({ valid: true, errors: [] });
    // The validator is not a rubber stamp: a misspelt field fails.
    const misspelt = { ...store, spec: { ...store.spec, condition: [] } };
    expect(validator.validate(misspelt).valid).toBe(false);
  });

  it('may be used only from namespaces labelled portico.io/team', () => {
    expect(store.spec.conditions).toEqual([
      {
        namespaceSelector: {
          matchExpressions: [{ key: TEAM_LABEL, operator: 'Exists' }],
        },
      },
    ]);
  });

  it("authenticates as the ExternalSecret's own namespace's ServiceAccount (referent auth)", () => {
    const auth = store.spec.provider.vault.auth.kubernetes;
    expect(auth.serviceAccountRef.name).toBe(SECRETS_SERVICE_ACCOUNT);
    expect(auth.serviceAccountRef.namespace).toBeUndefined();
    expect(auth.secretRef).toBeUndefined();
  });

  it("is the scaffolder's store, with its key prefix as the mount", () => {
    const appConfig = parse(
      fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    const settings = readPlatformSettings(new ConfigReader(appConfig));
    expect(settings.secretStore).toEqual({
      kind: 'ClusterSecretStore',
      name: store.metadata.name,
    });
    expect(store.spec.provider.vault.path).toBe(settings.remoteKeyPrefix);
  });

  it('is described in the plugin README', () => {
    const readme = fs.readFileSync(
      path.join(__dirname, '..', 'README.md'),
      'utf8',
    );
    expect(readme).toContain('deploy/platform/cluster-secret-store.yaml');
  });
});
