import { parseImageReference } from './imageReference';

describe('parseImageReference', () => {
  it.each([
    ['nginx', { repository: 'nginx' }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
    [
      'registry.local:5000/team/app',
      { repository: 'registry.local:5000/team/app' },
    ],
    [
      'registry.local:5000/team/app:v2',
      { repository: 'registry.local:5000/team/app', tag: 'v2' },
    ],
    ['app@sha256:0f', { repository: 'app', digest: 'sha256:0f' }],
    ['app:1@sha256:0f', { repository: 'app', tag: '1', digest: 'sha256:0f' }],
  ])('%s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });
});
