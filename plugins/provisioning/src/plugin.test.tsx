import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { provisioningPage, provisioningPlugin } from './plugin';

describe('provisioningPlugin', () => {
  it('has its page, API and entity tab', () => {
    expect(provisioningPlugin.id).toBe('provisioning');
    expect(provisioningPlugin.getExtension('page:provisioning')).toBeDefined();
    expect(provisioningPlugin.getExtension('api:provisioning')).toBeDefined();
    expect(
      provisioningPlugin.getExtension('entity-content:provisioning'),
    ).toBeDefined();
  });

  it('mounts the page at /provisioning with a title and icon', () => {
    const tester = createExtensionTester(provisioningPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/provisioning');
    expect(tester.get(coreExtensionData.title)).toBe('Provisioning');
  });
});
