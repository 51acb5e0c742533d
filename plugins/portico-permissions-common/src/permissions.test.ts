import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  auditLogReadPermission,
  ownerOnlyEntityPermissions,
  porticoPermissions,
} from './permissions';

describe('Portico permissions', () => {
  it('have unique, dotted names', () => {
    const names = porticoPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
  });

  it('are exactly those some route enforces (the access matrix shows each one’s 403)', () => {
    expect(porticoPermissions.map(p => p.name).sort()).toEqual([
      'argocd.application.refresh',
      'argocd.application.sync',
      'audit.log.read',
      'observability.logs.read',
      'portico.secret.create',
      'provisioning.run.create',
    ]);
  });

  it('put every owner-only action on the catalog entity, so ownership can be a condition', () => {
    for (const permission of ownerOnlyEntityPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });

  it('keep the audit log a basic permission (it is not about one entity)', () => {
    expect(auditLogReadPermission.type).toBe('basic');
  });
});
