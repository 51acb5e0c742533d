import { configArgs, portalCommand } from './portalCommand';

describe('portalCommand', () => {
  const command = portalCommand({
    repoRoot: '/repo',
    generatedConfig:
      '/repo/.cache/local-platform/app-config.local-platform.yaml',
    extraConfigs: ['../../app-config.local.yaml'],
    pathFirst: '/repo/.cache/local-platform/mkdocs-bin',
    nodePath: '/opt/node/bin/node',
    env: { PATH: '/usr/bin:/bin', HOME: '/home/dev' },
  });

  it('runs backstage-cli repo start with the old yarn start configs, then the generated one, then the caller’s', () => {
    expect(command.command).toBe('/opt/node/bin/node');
    expect(command.args).toEqual([
      '/repo/node_modules/@backstage/cli/bin/backstage-cli',
      'repo',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.development.yaml',
      '--config',
      '/repo/.cache/local-platform/app-config.local-platform.yaml',
      '--config',
      '../../app-config.local.yaml',
    ]);
    expect(command.cwd).toBe('/repo');
  });

  it('puts the mkdocs link first on PATH, then this Node, and opens no browser', () => {
    expect(command.env.PATH).toBe(
      '/repo/.cache/local-platform/mkdocs-bin:/opt/node/bin:/usr/bin:/bin',
    );
    expect(command.env.HOME).toBe('/home/dev');
    expect(command.env.BROWSER).toBe('none');
  });

  it('leaves PATH as it is but for Node without a mkdocs link', () => {
    const plain = portalCommand({
      repoRoot: '/repo',
      generatedConfig: '/g.yaml',
      nodePath: '/opt/node/bin/node',
      env: { PATH: '/usr/bin' },
    });
    expect(plain.env.PATH).toBe('/opt/node/bin:/usr/bin');
    expect(plain.args.slice(-2)).toEqual(['--config', '/g.yaml']);
  });

  it('keeps a config path with spaces or shell characters one argument', () => {
    const odd = portalCommand({
      repoRoot: '/repo',
      generatedConfig: '/tmp/my dir/$(x).yaml',
      env: {},
    });
    expect(odd.args).toContain('/tmp/my dir/$(x).yaml');
  });
});

describe('configArgs', () => {
  it('takes --config <file> and --config=<file>, in order', () => {
    expect(configArgs(['--config', 'a.yaml', '--config=b.yaml'])).toEqual([
      'a.yaml',
      'b.yaml',
    ]);
    expect(configArgs([])).toEqual([]);
  });

  it('refuses anything else', () => {
    expect(() => configArgs(['--peers', 'git'])).toThrow(
      'unknown argument --peers',
    );
    expect(() => configArgs(['--config'])).toThrow('unknown argument --config');
  });
});
