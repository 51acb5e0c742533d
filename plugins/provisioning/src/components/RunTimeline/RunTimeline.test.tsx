import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeRun } from '../../testing/makeRun';
import { RunTimeline } from './RunTimeline';

describe('RunTimeline', () => {
  it('explains a delivery that is being retried', async () => {
    await renderInTestApp(
      <RunTimeline
        run={makeRun('r', {
          status: 'delivering',
          delivery: {
            attempts: 3,
            lastError: 'network error ECONNREFUSED',
            nextAttemptAt: '2026-11-28T10:01:00.000Z',
          },
        })}
      />,
    );
    expect(
      screen.getByText(/attempt 3 failed \(network error ECONNREFUSED\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('No step reported yet.')).toBeInTheDocument();
  });

  it('says how many attempts a delivery took', async () => {
    await renderInTestApp(
      <RunTimeline
        run={makeRun('r', {
          delivery: { attempts: 2, deliveredAt: '2026-11-28T10:00:01.000Z' },
        })}
      />,
    );
    expect(
      screen.getByText(/Delivered to Argo Events .* after 2 attempts/),
    ).toBeInTheDocument();
  });
});
