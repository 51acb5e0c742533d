import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeAuditEvent } from '../../testing/makeAuditEvent';
import { AuditEventsTable } from './AuditEventsTable';

describe('AuditEventsTable', () => {
  const events = [
    makeAuditEvent('2', {
      outcome: 'failed',
      actor: { type: 'anonymous' },
      action: 'scaffolder.task',
      plugin: 'scaffolder',
      entityRef: undefined,
    }),
    makeAuditEvent('1'),
  ];

  it('renders one row per event with its fields', async () => {
    await renderInTestApp(
      <AuditEventsTable events={events} onSelect={jest.fn()} />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(first.getByText('anonymous')).toBeInTheDocument();
    expect(first.getByText('scaffolder.task')).toBeInTheDocument();
    expect(first.getByText('failed')).toBeInTheDocument();
    expect(first.getByText('req-2')).toBeInTheDocument();
    const second = within(rows[1]);
    expect(second.getByText('user:default/alice')).toBeInTheDocument();
    expect(second.getByText('component:default/checkout')).toBeInTheDocument();
    expect(second.getByText('catalog')).toBeInTheDocument();
  });

  it('selects an event by click and by Enter', async () => {
    const onSelect = jest.fn();
    await renderInTestApp(
      <AuditEventsTable events={events} onSelect={onSelect} />,
    );
    await userEvent.click(screen.getByText('scaffolder.task'));
    expect(onSelect).toHaveBeenLastCalledWith(events[0]);

    const row = screen.getByText('req-1').closest('tr')!;
    row.focus();
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(events[1]);
  });
});
