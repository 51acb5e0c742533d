import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditFilters } from './AuditFilters';
import { isoToDateTimeLocal } from './dateTimeLocal';

describe('AuditFilters', () => {
  it('applies the entered filters', async () => {
    const onApply = jest.fn();
    render(<AuditFilters filter={{}} onApply={onApply} onClear={jest.fn()} />);

    await userEvent.type(
      screen.getByLabelText('Actor'),
      ' user:default/alice ',
    );
    await userEvent.type(screen.getByLabelText('Plugin'), 'catalog');
    await userEvent.click(screen.getByLabelText('Outcome'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Failed'),
    );
    fireEvent.change(screen.getByLabelText('From (local time)'), {
      target: { value: '2024-03-01T10:30' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));

    expect(onApply).toHaveBeenCalledWith({
      actor: 'user:default/alice',
      plugin: 'catalog',
      outcome: 'failed',
      from: new Date('2024-03-01T10:30').toISOString(),
    });
  });

  it('shows the filter in force and keeps its exact instants', async () => {
    const onApply = jest.fn();
    const filter = {
      action: 'scaffolder.task',
      from: '2024-03-01T10:30:15.250Z',
    };
    render(
      <AuditFilters filter={filter} onApply={onApply} onClear={jest.fn()} />,
    );

    expect(screen.getByLabelText('Action')).toHaveValue('scaffolder.task');
    expect(screen.getByLabelText('From (local time)')).toHaveValue(
      isoToDateTimeLocal(filter.from),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith(filter);
  });

  it('drops a time the inputs cannot show once Apply is pressed', async () => {
    const onApply = jest.fn();
    render(
      <AuditFilters
        filter={{ to: 'yesterday', plugin: 'catalog' }}
        onApply={onApply}
        onClear={jest.fn()}
      />,
    );
    expect(screen.getByLabelText('To (local time)')).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith({ plugin: 'catalog' });
  });

  it('clears', async () => {
    const onClear = jest.fn();
    render(
      <AuditFilters
        filter={{ actor: 'x' }}
        onApply={jest.fn()}
        onClear={onClear}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onClear).toHaveBeenCalled();
  });
});
