/*
 * make start (yarn start): the local platform and the portal talking to it, in one terminal.
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
 *     packages/local-platform/src/start/main.ts [--config <file>]...
 * Checks every port first, starts the peers on their fixed ports, writes their config, runs the
 * portal (backstage-cli repo start) with it, waits until the backend, the example catalog and the
 * frontend answer, prints the banner. Ctrl-C / SIGTERM / SIGHUP stop the portal, then the peers.
 */
import { mkdirSync } from 'node:fs';
import { LOCAL_PORTS } from '../ports';
import { startLocalPlatform } from '../startLocalPlatform';
import type { LocalPlatform } from '../types';
import { bannerText, formatDuration } from './banner';
import { mkdocsBinDir } from './mkdocs';
import {
  fromRoot,
  generatedConfigFile,
  portalLogFile,
  repoRoot,
  startCacheDir,
} from './paths';
import { logTail, startPortal } from './portal';
import { configArgs, portalCommand } from './portalCommand';
import {
  PortalGone,
  waitForBackend,
  waitForCatalog,
  waitForFrontend,
} from '../readiness';
import { Shutdown } from './shutdown';
import { portsProblem } from './portCheck';

const appUrl = `http://localhost:${LOCAL_PORTS.app}`;
const backendUrl = `http://localhost:${LOCAL_PORTS.backend}`;

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);
const platformLog = (line: string) =>
  process.stdout.write(`[platform] ${line}\n`);

/** Runs make start; resolves with the exit code once everything it started has stopped. */
export async function start(argv: string[]): Promise<number> {
  const began = Date.now();
  let extraConfigs: string[];
  try {
    extraConfigs = configArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const problem = await portsProblem();
  if (problem) {
    process.stderr.write(problem);
    return 1;
  }
  mkdirSync(startCacheDir, { recursive: true });

  const shutdown = new Shutdown(say);
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>(resolve => (resolveDone = resolve));
  const finish = (code: number) => {
    if (shutdown.started) return;
    const stopping = Date.now();
    void shutdown.run().then(() => {
      say(`everything stopped (${formatDuration(Date.now() - stopping)})`);
      resolveDone(code);
    });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.started) say(`${signal}: still stopping`);
    else say(`${signal}: stopping everything`);
    finish(signal === 'SIGINT' ? 130 : 143);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, onSignal);
  // make (or a shell) killed without passing a signal on: this process is re-parented
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent || shutdown.started) return;
    say('the parent process is gone: stopping everything');
    finish(143);
  }, 1_000).unref();

  void (async () => {
    say('ports free; starting the local platform');
    const starting = startLocalPlatform({
      ports: 'fixed',
      backendUrl,
      appUrl,
      liveChanges: true,
      log: platformLog,
    });
    shutdown.add('the local platform', async () => {
      const platform = await starting.catch(() => undefined);
      await platform?.stop();
    });
    let platform: LocalPlatform;
    try {
      platform = await starting;
    } catch (error) {
      // Ctrl-C while the peers start reaches the ones in this process group too: not a failure.
      if (shutdown.started) return;
      process.stderr.write(
        `[start] the local platform did not start: ${
          (error as Error).message
        }\n`,
      );
      finish(1);
      return;
    }
    if (shutdown.started) return;
    platform.writeBackendConfig(generatedConfigFile);
    say(`local platform up; its config: ${fromRoot(generatedConfigFile)}`);

    const portal = startPortal(
      portalCommand({
        repoRoot,
        generatedConfig: generatedConfigFile,
        extraConfigs,
        pathFirst: mkdocsBinDir(startCacheDir),
      }),
      portalLogFile,
    );
    shutdown.add('the portal', () => portal.stop());
    portal.onExit(reason => {
      if (shutdown.started) return;
      process.stderr.write(
        `[start] the portal stopped (${reason}); the end of ${fromRoot(
          portalLogFile,
        )}:\n${logTail(portalLogFile)}\n`,
      );
      finish(1);
    });
    say(
      `portal starting (backstage-cli repo start), output to ${fromRoot(
        portalLogFile,
      )}`,
    );

    const readiness = {
      isDead: () =>
        portal.exited() ?? (shutdown.started ? 'stopping' : undefined),
    };
    try {
      await waitForBackend(backendUrl, readiness);
      say('backend ready; waiting for the example catalog and the frontend');
      await Promise.all([
        waitForCatalog(backendUrl, readiness).then(total =>
          say(`example catalog ingested (${total} entities)`),
        ),
        waitForFrontend(appUrl, readiness).then(() =>
          say(`frontend dev server answers on ${appUrl}`),
        ),
      ]);
    } catch (error) {
      if (error instanceof PortalGone) return; // onExit or the signal handler is stopping
      process.stderr.write(
        `[start] ${(error as Error).message}; the end of ${fromRoot(
          portalLogFile,
        )}:\n${logTail(portalLogFile)}\n`,
      );
      finish(1);
      return;
    }
    process.stdout.write(
      `\n${bannerText(platform, {
        appUrl,
        backendUrl,
        elapsedMs: Date.now() - began,
        portalLog: fromRoot(portalLogFile),
        configFile: fromRoot(generatedConfigFile),
      })}`,
    );
  })().catch(error => {
    // anything unexpected still stops what was started
    process.stderr.write(`[start] ${(error as Error).stack ?? error}\n`);
    finish(1);
  });

  return done;
}

if (require.main === module) {
  start(process.argv.slice(2)).then(
    code => process.exit(code),
    error => {
      process.stderr.write(`[start] ${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}
