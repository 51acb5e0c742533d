/*
 * Hostile input corpus: every field of every action refuses traversal, injection and malformed
 * names with an InputError naming the field — and before any side effect.
 */
import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import {
  gitopsCommitInput,
  gitTokenInput,
  publishGitInput,
} from '../actions/schemas/git';
import {
  externalSecretInput,
  namespaceInput,
} from '../actions/schemas/manifests';
import { serviceInput } from '../actions/schemas/service';
import { parseInput } from './parseInput';
import { createPlatformActions } from '../actions';
import { depsFor, seedGitops } from '../testing/kit';
import { runAction } from '../testing/runAction';
import { startLoopbackGitServer } from '../testing/loopbackGitServer';
import { buildServiceManifests } from '../manifests/serviceManifests';
import { gitopsLayout } from '../manifests/layout';
import { toFiles } from '../manifests/serialise';

const BAD_NAMES = [
  '',
  '../etc',
  'a/b',
  'Payments',
  '-x',
  'x-',
  '1abc',
  'a'.repeat(41),
  'a b',
  'a\nb',
  'a.b',
  '{{x}}',
  '${{ secrets.backstageToken }}',
  'ｐａｙ',
  'x;rm -rf /',
  'pay\u0000ments',
  'pay---ments\n---',
];
const BAD_TEXT = [
  'line1\nline2',
  'x\r\ny',
  '---',
  'a --- b',
  '{{ parameters.x }}',
  '${{ secrets.backstageToken }}',
  '{% raw %}',
  'x\u2028y',
  'a'.repeat(201),
  '\u0007bell',
  'ok\n---\nkind: Secret',
];
const BAD_REMOTE_KEYS = [
  '../secret',
  '/abs',
  'a//b',
  'a/../b',
  'a/./b',
  'a\nb',
  'a b',
  '{{x}}',
  'a'.repeat(201),
  '..',
];
const BAD_SECRET_KEYS = ['lower', '1ABC', 'A-B', 'A\nB', '../X', '', 'A B'];
const BAD_OWNERS = [
  'group:default/../x',
  'group:default/a\nb',
  '{{x}}',
  'user:default/bob',
  '',
  'group:a/b/c',
  '../team',
];
const BAD_PATHS = [
  '../x.yaml',
  '/etc/passwd',
  'apps/payments/../../x.yaml',
  'apps/payments/.git/config',
  'a\\b',
  'apps//x',
  'apps/./x',
];
const BAD_REPO_URLS = [
  'host?owner=../x&repo=y',
  'host?owner=a&repo=b.git',
  'host?owner=a&repo=..',
  'http://evil?owner=a&repo=b',
  'host?owner=a',
  'host?owner=a&repo=b\n',
  'host/path?owner=a&repo=b',
];

const base = { name: 'payments', owner: 'group:default/team-a' };

function refused(schema: any, input: object, field: string) {
  let error: unknown;
  try {
    parseInput('test', schema, input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toContain(`input.${field}`);
}

describe('hostile input corpus', () => {
  it.each(BAD_NAMES)('service name %j is refused', name =>
    refused(serviceInput, { ...base, name }, 'name'),
  );
  it.each(BAD_NAMES.filter(n => n !== '1abc' && n !== 'a'.repeat(41)))(
    'namespace %j is refused',
    name => refused(namespaceInput, { name, owner: base.owner }, 'name'),
  );
  it.each(BAD_TEXT)('description %j is refused', description =>
    refused(serviceInput, { ...base, description }, 'description'),
  );
  it.each(BAD_TEXT)('commit message %j is refused', message =>
    refused(
      gitopsCommitInput,
      {
        service: 'payments',
        owner: base.owner,
        files: { 'apps/payments/a.yaml': 'a: 1' },
        message,
      },
      'message',
    ),
  );
  it.each(BAD_REMOTE_KEYS)('remote key %j is refused', remoteKey =>
    refused(
      serviceInput,
      { ...base, extraSecrets: [{ secretKey: 'A', remoteKey }] },
      'extraSecrets.0.remoteKey',
    ),
  );
  it.each(BAD_SECRET_KEYS)('secret key %j is refused', secretKey =>
    refused(
      externalSecretInput,
      {
        name: 'x',
        namespace: 'payments',
        data: [{ secretKey, remoteKey: 'a/b' }],
      },
      'data.0.secretKey',
    ),
  );
  it.each(BAD_OWNERS)('owner %j is refused', owner =>
    refused(serviceInput, { ...base, owner }, 'owner'),
  );
  it.each(BAD_PATHS)('GitOps path %j is refused', p =>
    refused(
      gitopsCommitInput,
      { service: 'payments', owner: base.owner, files: { [p]: 'a: 1' } },
      'files',
    ),
  );
  it.each(BAD_REPO_URLS)('repoUrl %j is refused', repoUrl => {
    refused(gitTokenInput, { repoUrl }, 'repoUrl');
    refused(publishGitInput, { repoUrl }, 'repoUrl');
  });
  it.each(['/../admin', 'healthz', '/a b', '/x\n', '/{{x}}'])(
    'health path %j is refused',
    healthPath => refused(serviceInput, { ...base, healthPath }, 'healthPath'),
  );
  it.each(['img; rm', 'IMG', 'a\nb', 'registry/x:tag\n---'])(
    'image %j is refused',
    image => refused(serviceInput, { ...base, image }, 'image'),
  );
  it('duplicate or platform-reserved secret keys are refused', () => {
    refused(
      serviceInput,
      {
        ...base,
        extraSecrets: [
          { secretKey: 'A', remoteKey: 'a' },
          { secretKey: 'A', remoteKey: 'b' },
        ],
      },
      'extraSecrets.1.secretKey',
    );
    refused(
      serviceInput,
      {
        ...base,
        storage: 'postgresql',
        extraSecrets: [{ secretKey: 'PGPASSWORD', remoteKey: 'a' }],
      },
      'extraSecrets.0.secretKey',
    );
    refused(
      serviceInput,
      { ...base, extraSecrets: [{ secretKey: 'PORT', remoteKey: 'a' }] },
      'extraSecrets.0.secretKey',
    );
  });
  it('unknown fields are refused (no smuggled keys)', () => {
    expect(() =>
      parseInput('test', serviceInput, {
        ...base,
        spec: { hostNetwork: true },
      }),
    ).toThrow('input: unknown field spec');
  });

  it('YAML-looking text that is allowed stays data: it round-trips as one string value', () => {
    const settings = depsFor(undefined).settings;
    const tricky = `key: value # not a comment "quoted" 'single' & *alias !!str [a] {b} | > %`;
    const manifests = buildServiceManifests(
      serviceInput.parse({ ...base, description: tricky }),
      settings,
      gitopsLayout(settings),
    );
    const files = toFiles(manifests.files);
    const deployment = parse(files['apps/payments/deployment.yaml']);
    expect(deployment.metadata.annotations['portico.io/description']).toBe(
      tricky,
    );
    expect(Object.keys(deployment)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
    ]);
  });

  it('actions refuse hostile input before touching the Git server', async () => {
    const server = await startLoopbackGitServer();
    try {
      await seedGitops(server);
      const actions = Object.fromEntries(
        createPlatformActions(depsFor(server)).map(a => [a.id, a]),
      );
      const before = JSON.stringify(server.requests);
      await expect(
        runAction(actions['portico:service:validate'], {
          ...base,
          name: '../x',
        }),
      ).rejects.toThrow(/input\.name/);
      await expect(
        runAction(actions['portico:gitops:commit'], {
          service: 'payments',
          owner: base.owner,
          files: { '../../etc/passwd': 'x' },
        }),
      ).rejects.toThrow(/input\.files/);
      await expect(
        runAction(actions['portico:gitops:commit'], {
          service: 'payments',
          owner: base.owner,
          files: { 'apps/other/deployment.yaml': 'a: 1\n' },
        }),
      ).rejects.toThrow(/outside apps\/payments\//);
      await expect(
        runAction(actions['portico:gitops:commit'], {
          service: 'payments',
          owner: base.owner,
          files: {
            'apps/payments/secret.yaml':
              'apiVersion: v1\nkind: Secret\nstringData: {a: b}\n',
          },
        }),
      ).rejects.toThrow(
        /input\.files\["apps\/payments\/secret\.yaml"\]: Secret\/undefined: kind may not be committed here/,
      );
      await expect(
        runAction(actions['portico:gitops:commit'], {
          service: 'payments',
          owner: base.owner,
          files: {
            'apps/payments/service.yaml':
              'apiVersion: v1\nkind: Service\nmetadata: {name: payments, namespace: payments}\n',
          },
        }),
      ).rejects.toThrow(/must be labelled portico\.io\/service=payments/);
      await expect(
        runAction(actions['portico:git:token'], {
          repoUrl: `${server.host}?owner=../x&repo=y`,
        }),
      ).rejects.toThrow(/input\.repoUrl/);
      await expect(
        runAction(actions['portico:git:token'], {
          repoUrl: `evil.example?owner=a&repo=b`,
        }),
      ).rejects.toThrow(/host evil\.example is not the configured Git server/);
      expect(JSON.stringify(server.requests)).toBe(before);
    } finally {
      await server.stop();
    }
  });
});
