import { requestIdOf } from './requestIdOf';

const withHeader = (value?: string | string[]) => ({ get: () => value });

describe('requestIdOf', () => {
  it.each([
    ['abc-123', 'abc-123'],
    [
      '  7f3e9c2a-1b2c-4d5e-8f90-123456789abc ',
      '7f3e9c2a-1b2c-4d5e-8f90-123456789abc',
    ],
    [['first', 'second'], 'first'],
    ['has space', undefined],
    ['<script>', undefined],
    ['x'.repeat(129), undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, expected) => {
    expect(requestIdOf(withHeader(header))).toBe(expected);
  });

  it('is undefined without a request', () => {
    expect(requestIdOf(undefined)).toBeUndefined();
  });
});
