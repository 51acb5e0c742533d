/*
 * Baseline figures of Portico (see run.sh):
 *   backend_start_s  spawn of `yarn workspace backend start` -> 200 from /.backstage/health/v1/readiness
 *   backend_rss_mb   peak RSS summed over the backend's process group (yarn -> backstage-cli ->
 *                    backend), sampled from /proc from spawn until the example catalog is ingested
 *                    plus a few seconds
 *   bundle_gzip_kb   gzip size (zlib default level 6, KiB) of the JS the built app loads initially:
 *                    the <script src> files of packages/app/dist/index.html (lazy chunks not counted)
 * The portal is started exactly as for the browser journeys (e2e/portal.ts).
 */
import {
  readFileSync,
  readdirSync,
  existsSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { ensureAppBuilt, repoRoot, startPortal } from '../../e2e/portal.ts';

const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 5_000);
const sampleEveryMs = 200;
const say = (line: string) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Memory of a process group, from /proc

interface Sample {
  totalKb: number;
  byPid: Map<number, { kb: number; cmd: string }>;
}

function sampleGroup(pgid: number): Sample {
  const byPid = new Map<number, { kb: number; cmd: string }>();
  let totalKb = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may contain spaces) start at ") ": state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
        .split('\0')
        .join(' ')
        .trim();
      byPid.set(Number(entry), { kb, cmd });
      totalKb += kb;
    } catch {
      // process ended while being read
    }
  }
  return { totalKb, byPid };
}

// ---------------------------------------------------------------------------------------------
// Initial JS of the built app

function initialBundle(): {
  files: { src: string; bytes: number; gzip: number }[];
} {
  const dist = join(repoRoot, 'packages', 'app', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files: { src: string; bytes: number; gzip: number }[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\ssrc=["']([^"']+)["']/i.exec(tag)?.[1];
    if (!src || /^(https?:)?\/\//i.test(src)) continue;
    // Paths are absolute from app.baseUrl's path ("/static/..."); the files live under dist/.
    const path = join(dist, src.replace(/^\/+/, '').split(/[?#]/)[0]);
    if (!existsSync(path))
      throw new Error(`index.html references ${src}, not found in dist/`);
    const content = readFileSync(path);
    files.push({ src, bytes: content.length, gzip: gzipSync(content).length });
  }
  if (!files.length)
    throw new Error('no <script src> in packages/app/dist/index.html');
  return { files };
}

// ---------------------------------------------------------------------------------------------

ensureAppBuilt('if-missing', line => process.stderr.write(`[bench] ${line}\n`));
const bundle = initialBundle();
const bundleKb = bundle.files.reduce((n, f) => n + f.gzip, 0) / 1024;
const bundleRawKb = bundle.files.reduce((n, f) => n + f.bytes, 0) / 1024;

const logDir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
let pgid: number | undefined;
let peak: Sample = { totalKb: 0, byPid: new Map() };
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    if (pgid) {
      const s = sampleGroup(pgid);
      if (s.totalKb > peak.totalKb) peak = s;
    }
    await sleep(sampleEveryMs);
  }
})();

let startS: number;
let entities = 0;
const portal = await startPortal({
  build: 'if-missing',
  logFile: join(logDir, 'backend.log'),
  onSpawn: id => (pgid = id),
  log: line => {
    process.stderr.write(`[bench] ${line}\n`);
    const m = /catalog ingested: (\d+) entities/.exec(line);
    if (m) entities = Number(m[1]);
  },
});
try {
  startS = portal.readyAfterMs! / 1000;
  const ingestedS = (performance.now() - portal.spawnedAt!) / 1000;
  await sleep(settleMs);
  sampling = false;
  await sampler;

  const backendNode = [...peak.byPid.values()].find(p =>
    / src\/index\b/.test(p.cmd),
  );
  say(
    `backend cold start to readiness: ${startS.toFixed(
      1,
    )} s (catalog of ${entities} entities ingested after ${ingestedS.toFixed(
      1,
    )} s)`,
  );
  say(
    `backend peak RSS (process group, ${peak.byPid.size} processes): ${(
      peak.totalKb / 1024
    ).toFixed(0)} MB` +
      (backendNode
        ? `; backend node process alone: ${(backendNode.kb / 1024).toFixed(
            0,
          )} MB`
        : ''),
  );
  say(
    `initial JS bundle: ${
      bundle.files.length
    } script files, ${bundleRawKb.toFixed(0)} KB raw, ` +
      `${bundleKb.toFixed(
        1,
      )} KB gzip (zlib default level, as served compressed)`,
  );
  say(
    JSON.stringify({
      backend_start_s: Number(startS.toFixed(1)),
      backend_rss_mb: Number((peak.totalKb / 1024).toFixed(0)),
      bundle_gzip_kb: Number(bundleKb.toFixed(1)),
    }),
  );
} finally {
  sampling = false;
  await portal.stop();
  rmSync(logDir, { recursive: true, force: true });
}
