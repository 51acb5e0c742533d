import { InputError } from '@backstage/errors';
import { isRunId, parseRunQuery } from './parseRunQuery';

describe('parseRunQuery', () => {
  it('reads the filters (lower-cased refs) and the page, with the default size', () => {
    expect(
      parseRunQuery({
        entityRef: 'Component:default/Payments-Svc',
        owner: 'group:default/Payments-Team',
        status: 'running',
      }),
    ).toEqual({
      filter: {
        entityRef: 'component:default/payments-svc',
        owner: 'group:default/payments-team',
        status: 'running',
      },
      page: { limit: 25, cursor: undefined },
    });
  });

  it.each([
    [{ limit: '1000' }, /^query\.limit: /],
    [{ status: 'done' }, /^query\.status: /],
    [
      { cursor: 'not-a-cursor' },
      /^query\.cursor: not a cursor returned by this API$/,
    ],
    [{ color: 'red' }, /^query: unknown field color$/],
  ])('refuses %j with an InputError naming the parameter', (query, message) => {
    let error: unknown;
    try {
      parseRunQuery(query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });

  it('takes only UUIDs as run ids', () => {
    expect(isRunId('00000000-0000-4000-8000-000000000000')).toBe(true);
    expect(isRunId('not-a-uuid')).toBe(false);
  });
});
