import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AuditAccessDenied } from './AuditAccessDenied';

describe('AuditAccessDenied', () => {
  it('says who may read the log and how to get access', async () => {
    await renderInTestApp(<AuditAccessDenied />);
    expect(
      screen.getByText(
        'You need to be an admin or an auditor to read the audit log',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('portico.access.auditorGroups'),
    ).toBeInTheDocument();
  });
});
