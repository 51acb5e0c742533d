import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const TRANSFORM = require.resolve('@backstage/cli/config/nodeTransform.cjs');
const MAIN = path.join(__dirname, 'main.ts');

function startMain(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--require', TRANSFORM, MAIN, ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>(resolve =>
    child.once('exit', code => resolve(code)),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    exited.then(code => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // a test that expects a failure awaits only the exit
  firstLine.catch(() => undefined);
  return { child, firstLine, exited, stderr: () => stderr };
}

function connects(url: string) {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>(resolve => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('main.ts', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach(child => child.kill('SIGKILL')));

  it('prints one JSON line once up, writes the config, and stops on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-platform-main-'));
    const configOut = path.join(dir, 'generated.yaml');
    const main = startMain([
      '--peers',
      'git,argoEvents',
      '--backend-url',
      'http://localhost:7007',
      '--config-out',
      configOut,
    ]);
    children.push(main.child);
    const line = JSON.parse(await main.firstLine);
    expect(Object.keys(line).sort()).toEqual([
      'argoEvents',
      'backendConfig',
      'configFile',
      'git',
      'users',
    ]);
    expect(line.configFile).toBe(configOut);
    expect(parse(fs.readFileSync(configOut, 'utf8'))).toEqual(
      line.backendConfig,
    );
    expect(line.backendConfig.provisioning.argoEvents.webhookUrl).toBe(
      line.argoEvents.url,
    );
    expect(await connects(line.git.url)).toBe(true);
    expect(await connects(line.argoEvents.url)).toBe(true);

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(await connects(line.git.url)).toBe(false);
    expect(await connects(line.argoEvents.url)).toBe(false);
    expect(main.stderr()).toContain('[local-platform] stopping (SIGTERM)');
    fs.rmSync(dir, { recursive: true });
  }, 30_000);

  it('stops when its stdin closes, removing its temporary config', async () => {
    const main = startMain([
      '--peers',
      'argoEvents',
      '--backend-url',
      'http://x:7007',
    ]);
    children.push(main.child);
    const line = JSON.parse(await main.firstLine);
    expect(fs.existsSync(line.configFile)).toBe(true);
    main.child.stdin!.end();
    expect(await main.exited).toBe(0);
    expect(fs.existsSync(line.configFile)).toBe(false);
    expect(await connects(line.argoEvents.url)).toBe(false);
  }, 30_000);

  it('refuses an unknown peer with the list of known ones', async () => {
    const main = startMain([
      '--peers',
      'git,jenkins',
      '--backend-url',
      'http://x',
    ]);
    children.push(main.child);
    expect(await main.exited).toBe(1);
    expect(main.stderr()).toContain(
      '--peers: unknown jenkins (one of git, argocd, observability, argoEvents, dex, cluster, github)',
    );
  }, 30_000);
});
