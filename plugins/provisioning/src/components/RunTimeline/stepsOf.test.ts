import { makeEvent } from '../../testing/makeRun';
import { stepsOf } from './stepsOf';

describe('stepsOf', () => {
  it('folds the reports of each step into its latest status, keeping every link once', () => {
    const link = { title: 'ns', url: 'https://c.example/ns' };
    expect(
      stepsOf([
        makeEvent(3, { step: 'rbac', receivedAt: '2026-01-01T00:00:03Z' }),
        makeEvent(1, {
          step: 'namespace',
          message: 'Creating',
          receivedAt: '2026-01-01T00:00:01Z',
        }),
        makeEvent(2, {
          step: 'namespace',
          status: 'succeeded',
          message: 'Ready',
          resources: [link],
          receivedAt: '2026-01-01T00:00:02Z',
        }),
      ]),
    ).toEqual([
      {
        step: 'namespace',
        status: 'succeeded',
        message: 'Ready',
        startedAt: '2026-01-01T00:00:01Z',
        updatedAt: '2026-01-01T00:00:02Z',
        resources: [link],
      },
      {
        step: 'rbac',
        status: 'running',
        message: undefined,
        startedAt: '2026-01-01T00:00:03Z',
        updatedAt: '2026-01-01T00:00:03Z',
        resources: [],
      },
    ]);
  });
});
