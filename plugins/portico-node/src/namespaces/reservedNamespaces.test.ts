import { ConfigReader } from '@backstage/config';
import {
  readReservedNamespaces,
  reservedNamespaceReason,
} from './reservedNamespaces';

describe('reservedNamespaceReason', () => {
  it.each(['kube-system', 'kube-public', 'default', 'argocd', 'portico'])(
    'refuses %s',
    name => {
      expect(reservedNamespaceReason(name)).toMatch(/is reserved/);
    },
  );

  it('allows a team namespace', () => {
    expect(reservedNamespaceReason('payments')).toBeUndefined();
  });

  it('adds the configured list, with globs', () => {
    const list = readReservedNamespaces(
      new ConfigReader({
        portico: { reservedNamespaces: ['vault', 'infra-*'] },
      }),
    );
    expect(reservedNamespaceReason('vault', list)).toMatch(/\(vault\)/);
    expect(reservedNamespaceReason('infra-dns', list)).toMatch(/infra-\*/);
    expect(reservedNamespaceReason('payments', list)).toBeUndefined();
  });
});
