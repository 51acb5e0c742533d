import { render, screen } from '@testing-library/react';
import { OutcomeChip } from './OutcomeChip';

describe('OutcomeChip', () => {
  it.each(['succeeded', 'failed', 'initiated'] as const)(
    'labels the %s outcome',
    outcome => {
      render(<OutcomeChip outcome={outcome} />);
      const chip = screen.getByText(outcome).closest('[data-outcome]');
      expect(chip).toHaveAttribute('data-outcome', outcome);
    },
  );

  it('gives each outcome its own colour class', () => {
    const { container } = render(
      <>
        <OutcomeChip outcome="succeeded" />
        <OutcomeChip outcome="failed" />
      </>,
    );
    const [ok, failed] = Array.from(
      container.querySelectorAll('[data-outcome]'),
    );
    expect(ok.className).not.toEqual(failed.className);
  });
});
