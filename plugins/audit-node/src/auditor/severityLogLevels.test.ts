import { mockServices } from '@backstage/backend-test-utils';
import { getSeverityLogLevelMappings } from './severityLogLevels';

describe('getSeverityLogLevelMappings', () => {
  it('has the upstream defaults and takes overrides from backend.auditor', () => {
    expect(getSeverityLogLevelMappings(mockServices.rootConfig())).toEqual({
      low: 'debug',
      medium: 'info',
      high: 'info',
      critical: 'info',
    });
    expect(
      getSeverityLogLevelMappings(
        mockServices.rootConfig({
          data: {
            backend: {
              auditor: {
                severityLogLevelMappings: { low: 'info', critical: 'error' },
              },
            },
          },
        }),
      ),
    ).toEqual({ low: 'info', medium: 'info', high: 'info', critical: 'error' });
  });

  it('refuses an unknown level, naming the key', () => {
    expect(() =>
      getSeverityLogLevelMappings(
        mockServices.rootConfig({
          data: {
            backend: {
              auditor: { severityLogLevelMappings: { high: 'loud' } },
            },
          },
        }),
      ),
    ).toThrow(
      "The configuration value for 'backend.auditor.severityLogLevelMappings.high' was given an invalid value: 'loud'",
    );
  });
});
