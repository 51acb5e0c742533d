import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { EntityVulnerabilities } from '@internal/plugin-service-health-common';
import { serviceHealthApiRef } from '../../api';
import { component, mockApi, okResponse } from '../../testing/fixtures';
import { EntityVulnerabilitiesCard } from './EntityVulnerabilitiesCard';

const counts = { CRITICAL: 1, HIGH: 1, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
const summary = {
  counts,
  fixable: 1,
  images: 1,
  readAt: new Date().toISOString(),
};

async function renderCard(answer: EntityVulnerabilities) {
  const api = mockApi(okResponse());
  api.getVulnerabilities = jest.fn().mockResolvedValue(answer);
  await renderInTestApp(
    <EntityProvider entity={component}>
      <EntityVulnerabilitiesCard />
    </EntityProvider>,
    { apis: [[serviceHealthApiRef, api]] },
  );
  return api;
}

describe('EntityVulnerabilitiesCard', () => {
  it("shows the owners each running image's CVEs with the upgrade that fixes them", async () => {
    const api = await renderCard({
      entityRef: 'component:default/payments',
      state: 'ok',
      summary,
      images: [
        {
          namespace: 'payments',
          workload: { kind: 'Deployment', name: 'payments' },
          container: 'app',
          image: 'ghcr.io/acme/payments:1.4.2',
          counts,
          scannedAt: '2026-12-07T06:00:00Z',
          vulnerabilities: [
            {
              id: 'CVE-2026-0001',
              severity: 'CRITICAL',
              packageName: 'openssl',
              installedVersion: '3.0.11-1',
              fixedVersion: '3.0.15-1',
              title: 'openssl: buffer overflow',
              link: 'https://avd.aquasec.com/nvd/cve-2026-0001',
            },
            {
              id: 'CVE-2026-0002',
              severity: 'HIGH',
              packageName: 'zlib',
              installedVersion: '1.2.13',
              title: 'zlib: heap overflow',
            },
          ],
        },
      ],
    });
    expect(
      await screen.findByTitle('1 critical vulnerabilities'),
    ).toBeInTheDocument();
    expect(api.getVulnerabilities).toHaveBeenCalledWith(
      'component:default/payments',
    );
    expect(
      screen.getByText(/1 fixable by upgrading, in 1 running image$/),
    ).toBeInTheDocument();
    const image = screen.getByTestId('image-payments-app');
    expect(image).toHaveTextContent('ghcr.io/acme/payments:1.4.2 in payments');
    expect(
      within(image).getByText('CVE-2026-0001').closest('a'),
    ).toHaveAttribute('href', 'https://avd.aquasec.com/nvd/cve-2026-0001');
    expect(image).toHaveTextContent('upgrade to 3.0.15-1');
    expect(image).toHaveTextContent('no fix yet');
  });

  it('shows others the counts and says who sees the details', async () => {
    await renderCard({
      entityRef: 'component:default/payments',
      state: 'ok',
      summary,
      detailsHidden: true,
    });
    expect(
      await screen.findByTestId('vulnerabilities-hidden'),
    ).toHaveTextContent('shown to the owning team');
    expect(screen.getByTitle('1 high vulnerabilities')).toBeInTheDocument();
    expect(screen.queryByText('CVE-2026-0001')).not.toBeInTheDocument();
  });

  it('says calmly why there is no data', async () => {
    await renderCard({
      entityRef: 'component:default/payments',
      state: 'no-data',
      reason: 'not-scanned',
    });
    expect(
      await screen.findByTestId('vulnerabilities-no-data'),
    ).toHaveTextContent('trivy-operator has not reported');
  });
});
