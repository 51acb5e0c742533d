import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { responseError } from '../../testing/responseError';
import { AsyncContent } from './AsyncContent';

type Answer = { empty?: 'not-configured' | 'no-namespaces' | 'no-data' };

function show(
  state: Parameters<typeof AsyncContent<Answer>>[0]['state'],
  extra: Partial<Parameters<typeof AsyncContent<Answer>>[0]> = {},
) {
  return renderInTestApp(
    <AsyncContent state={state} upstream="Loki" what="log lines" {...extra}>
      {() => <p>the data</p>}
    </AsyncContent>,
  );
}

describe('AsyncContent', () => {
  it('shows progress while loading, and nothing of the data', async () => {
    await show({ loading: true });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('the data')).not.toBeInTheDocument();
  });

  it('keeps the previous answer, dimmed under a thin bar, while the next one loads', async () => {
    await show({ loading: true, value: {} });
    expect(screen.getByText('the data')).toBeInTheDocument();
    expect(screen.getByLabelText('Loading')).toBeInTheDocument();
    expect(
      screen.getByText('the data').closest('[aria-busy="true"]'),
    ).not.toBeNull();
  });

  it('keeps the height it is given while the first answer loads', async () => {
    const { container } = await show({ loading: true }, { loadingHeight: 212 });
    expect(
      container.querySelector('[style*="min-height: 212px"]'),
    ).not.toBeNull();
    expect(screen.queryByText('the data')).not.toBeInTheDocument();
  });

  it('says who failed, reworded by the view', async () => {
    await show(
      { loading: false, error: await responseError(504, 'Loki timed out') },
      { failureTitle: title => `logs: ${title}` },
    );
    expect(screen.getByText('logs: Loki is unreachable')).toBeInTheDocument();
    expect(screen.getByText('Loki timed out')).toBeInTheDocument();
    // A real outage: a warning-level notice, not an error box.
    expect(screen.getByTestId('notice-offline')).toBeInTheDocument();
    expect(screen.queryByTestId('notice-empty')).toBeNull();
  });

  it('gives the calm notice of an empty answer, from its reason', async () => {
    await show({ loading: false, value: { empty: 'not-configured' } });
    expect(screen.getByText('Loki not configured')).toBeInTheDocument();
    expect(screen.getByTestId('notice-empty')).toBeInTheDocument();
    expect(screen.queryByTestId('notice-offline')).toBeNull();
    expect(screen.queryByText('the data')).not.toBeInTheDocument();
  });

  it("uses a view's own empty notice instead", async () => {
    await show(
      { loading: false, value: {} },
      { emptyNotice: () => ({ title: 'Nothing chosen', detail: 'Pick one' }) },
    );
    expect(screen.getByText('Nothing chosen')).toBeInTheDocument();
    expect(screen.queryByText('the data')).not.toBeInTheDocument();
  });

  it('shows the data of an answer that is not empty', async () => {
    await show({ loading: false, value: {} });
    expect(screen.getByText('the data')).toBeInTheDocument();
  });
});
