import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { auditApiRef, AuditClient } from './api';
import { auditApi, auditLogPage, auditPlugin } from './plugin';

describe('auditPlugin', () => {
  it('is the audit plugin with its page and API', () => {
    expect(auditPlugin.id).toBe('audit');
    expect(auditPlugin.getExtension('page:audit')).toBeDefined();
    expect(auditPlugin.getExtension('api:audit')).toBeDefined();
  });

  it('mounts the page at /audit, titled "Audit log" with an icon for the nav', () => {
    const tester = createExtensionTester(auditLogPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/audit');
    expect(tester.get(coreExtensionData.title)).toBe('Audit log');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('provides the audit client behind auditApiRef', () => {
    const factory = createExtensionTester(auditApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(auditApiRef.id);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: jest.fn() },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(AuditClient);
  });
});
