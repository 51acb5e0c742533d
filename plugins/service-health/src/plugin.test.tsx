import { serviceHealthPlugin } from './plugin';

describe('serviceHealthPlugin', () => {
  it('has the id of its backend and the Code and CI/CD cards', () => {
    expect(serviceHealthPlugin.id).toBe('service-health');
    expect(
      serviceHealthPlugin.getExtension('entity-card:service-health/code'),
    ).toBeDefined();
    expect(
      serviceHealthPlugin.getExtension('entity-card:service-health/ci'),
    ).toBeDefined();
  });
});
