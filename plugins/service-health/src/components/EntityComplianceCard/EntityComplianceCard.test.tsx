import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { EntityCompliance } from '@internal/plugin-service-health-common';
import { serviceHealthApiRef } from '../../api';
import { component, mockApi, okResponse } from '../../testing/fixtures';
import { EntityComplianceCard } from './EntityComplianceCard';

const check = (
  id: string,
  result: 'pass' | 'fail' | 'not-applicable',
  severity: any = 'high',
) => ({
  id,
  title: `Check ${id}`,
  severity,
  result,
  source: 'portico',
  failures:
    result === 'fail'
      ? [
          {
            kind: 'Deployment',
            namespace: 'payments',
            name: 'payments',
            container: 'app',
            message: 'no limits',
          },
        ]
      : [],
  howToFix: `Fix ${id}.`,
  scored: true,
});

async function renderCard(answer: EntityCompliance) {
  const api = mockApi(okResponse());
  api.getCompliance = jest.fn().mockResolvedValue(answer);
  await renderInTestApp(
    <EntityProvider entity={component}>
      <EntityComplianceCard />
    </EntityProvider>,
    { apis: [[serviceHealthApiRef, api]] },
  );
}

describe('EntityComplianceCard', () => {
  it('shows the score, failed checks first with the objects and how to fix them', async () => {
    await renderCard({
      entityRef: 'component:default/payments',
      state: 'ok',
      score: 62,
      readAt: new Date().toISOString(),
      checks: [
        check('portico:probes', 'pass', 'medium'),
        check('portico:resources', 'fail'),
        check('portico:pdb', 'not-applicable'),
      ],
    });
    expect(await screen.findByText('1 of 2 checks fail.')).toBeInTheDocument();
    expect(screen.getByTestId('compliance-score')).toHaveTextContent('62%');
    const failed = screen.getByTestId('check-portico:resources');
    expect(failed).toHaveTextContent(
      'Deployment payments/payments (app): no limits',
    );
    expect(
      within(failed).getByText('How to fix: Fix portico:resources.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('check-portico:pdb')).not.toBeInTheDocument();
    const rows = screen.getAllByTestId(/^check-/);
    expect(rows[0]).toBe(failed);
  });

  it('says calmly why there is no data', async () => {
    await renderCard({
      entityRef: 'component:default/payments',
      state: 'no-data',
      reason: 'no-workload',
    });
    expect(await screen.findByTestId('compliance-no-data')).toHaveTextContent(
      'no workload of this component runs',
    );
  });
});
