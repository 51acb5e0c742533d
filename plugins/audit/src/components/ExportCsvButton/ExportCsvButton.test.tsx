import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { auditApiRef } from '../../api';
import { mockAuditApi } from '../../testing/mockAuditApi';
import { responseError } from '../../testing/responseError';
import { ExportCsvButton, csvFilename } from './ExportCsvButton';

describe('ExportCsvButton', () => {
  const createObjectURL = jest.fn(() => 'blob:audit-export');
  const revokeObjectURL = jest.fn();
  let clicked: HTMLAnchorElement[];

  beforeEach(() => {
    clicked = [];
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
  });

  it('downloads the CSV for the filters in force through the client', async () => {
    const blob = new Blob(['id,time\n1,2024\n'], { type: 'text/csv' });
    const auditApi = mockAuditApi({
      exportCsv: jest.fn().mockResolvedValue(blob),
    });
    const filter = { actor: 'user:default/alice', outcome: 'failed' as const };
    await renderInTestApp(<ExportCsvButton filter={filter} />, {
      apis: [[auditApiRef, auditApi]],
    });

    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(auditApi.exportCsv).toHaveBeenCalledWith(filter);
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked[0].href).toBe('blob:audit-export');
    expect(clicked[0].download).toMatch(/^audit-events-.*\.csv$/);
    await waitFor(() =>
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:audit-export'),
    );
  });

  it('says why an export failed', async () => {
    const auditApi = mockAuditApi({
      exportCsv: jest
        .fn()
        .mockRejectedValue(await responseError(400, 'Invalid to: not a date')),
    });
    await renderInTestApp(<ExportCsvButton filter={{ to: 'x' }} />, {
      apis: [[auditApiRef, auditApi]],
    });
    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Export failed: Invalid to: not a date',
    );
    expect(clicked).toHaveLength(0);
  });

  it('names the file after the time of export', () => {
    expect(csvFilename(new Date('2024-03-01T10:30:15.123Z'))).toBe(
      'audit-events-2024-03-01T10-30-15Z.csv',
    );
  });
});
