import { mergeConfig } from './mergeConfig';

describe('mergeConfig', () => {
  it('merges objects key by key and concatenates arrays without repeats', () => {
    const git = {
      backend: { reading: { allow: [{ host: '127.0.0.1:7008' }] } },
      portico: { scaffolder: { git: { provider: 'loopback' } } },
    };
    const observability = {
      backend: {
        csp: { 'frame-src': ["'self'", 'http://127.0.0.1:3001'] },
        reading: { allow: [{ host: '127.0.0.1:9090' }] },
      },
      observability: { prometheus: { url: 'http://127.0.0.1:9090' } },
    };
    const other = {
      backend: {
        csp: { 'frame-src': ["'self'", 'http://127.0.0.1:5556'] },
        reading: { allow: [{ host: '127.0.0.1:7008' }] },
      },
      portico: { scaffolder: { gitops: { repoUrl: 'h?owner=o&repo=r' } } },
    };
    expect(mergeConfig(git, observability, other)).toEqual({
      backend: {
        csp: {
          'frame-src': [
            "'self'",
            'http://127.0.0.1:3001',
            'http://127.0.0.1:5556',
          ],
        },
        reading: {
          allow: [{ host: '127.0.0.1:7008' }, { host: '127.0.0.1:9090' }],
        },
      },
      portico: {
        scaffolder: {
          git: { provider: 'loopback' },
          gitops: { repoUrl: 'h?owner=o&repo=r' },
        },
      },
      observability: { prometheus: { url: 'http://127.0.0.1:9090' } },
    });
  });

  it('lets a later scalar replace an earlier value and leaves its inputs unchanged', () => {
    const first = { a: { b: 1, list: [1] }, c: { d: 1 } };
    const second = { a: { b: 2, list: [2] }, c: 'text' };
    const merged = mergeConfig(first, second);
    expect(merged).toEqual({ a: { b: 2, list: [1, 2] }, c: 'text' });
    (merged.a as { list: number[] }).list.push(3);
    expect(first).toEqual({ a: { b: 1, list: [1] }, c: { d: 1 } });
    expect(second).toEqual({ a: { b: 2, list: [2] }, c: 'text' });
  });

  it('gives an empty config for no fragments', () => {
    expect(mergeConfig()).toEqual({});
  });
});
