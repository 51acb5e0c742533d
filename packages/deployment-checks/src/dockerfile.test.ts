/*
 * docker/Dockerfile: a multi-stage build (Backstage's documented "Multi-stage
 * Build"), whose final stage runs the backend as a non-root user with both config
 * files, and which only COPYs files that exist in the build context.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  BuildContext,
  Instruction,
  Stage,
  copySourcesAndDestination,
  effectiveUser,
  getPath,
  isRecord,
  isRootUser,
  parseDockerfile,
  readText,
  readYaml,
  readYamlDocuments,
  repoPath,
  repoRoot,
  stageEnv,
} from './testing/checks';

const dockerfile = parseDockerfile(readText(repoPath('docker/Dockerfile')));
const context = new BuildContext(repoRoot);
const finalStage = dockerfile.stages[dockerfile.stages.length - 1];
const baseConfig = readYaml<any>(repoPath('app-config.yaml'));
const productionConfig = readYaml<any>(repoPath('app-config.production.yaml'));

/** Production value of a config key (app-config.production.yaml over app-config.yaml). */
function configValue(key: string): unknown {
  const prod = getPath(productionConfig, key);
  return prod !== undefined ? prod : getPath(baseConfig, key);
}

const isContextCopy = (i: Instruction) =>
  (i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags.from === undefined;

/** WORKDIR in effect at each instruction of a stage. */
function workdirAt(stage: Stage, instruction: Instruction): string {
  let workdir = '/';
  for (const i of stage.instructions) {
    if (i === instruction) {
      break;
    }
    if (i.keyword === 'WORKDIR') {
      workdir = path.posix.resolve(workdir, i.args.trim());
    }
  }
  return workdir;
}

/**
 * Paths in the image of the final stage that come from the build context:
 * image path -> context path (files or directories).
 */
function finalStageContextFiles(): Map<string, string> {
  const result = new Map<string, string>();
  for (const i of finalStage.instructions.filter(isContextCopy)) {
    const { sources, destination } = copySourcesAndDestination(i);
    const dest = path.posix.resolve(workdirAt(finalStage, i), destination);
    const intoDirectory = destination.endsWith('/') || sources.length > 1;
    for (const source of sources) {
      for (const resolved of context.resolve(source)) {
        const isDir = fs.statSync(path.join(repoRoot, resolved)).isDirectory();
        const imagePath =
          isDir || !intoDirectory
            ? dest
            : path.posix.join(dest, path.posix.basename(resolved));
        result.set(imagePath, resolved);
      }
    }
  }
  return result;
}

/** Whether the final image has a file at imagePath copied from the context. */
function imageHasContextFile(imagePath: string): boolean {
  for (const [copied] of finalStageContextFiles()) {
    if (imagePath === copied || imagePath.startsWith(`${copied}/`)) {
      return true;
    }
  }
  return false;
}

const finalWorkdir = () =>
  workdirAt(
    finalStage,
    finalStage.instructions[finalStage.instructions.length - 1],
  );

function runCommands(stage: Stage): string[] {
  return stage.instructions
    .filter(i => i.keyword === 'RUN')
    .map(i => i.args.replace(/\s+/g, ' '));
}

describe('docker/Dockerfile', () => {
  it('is a multi-stage build with named build stages', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    const names = dockerfile.stages.map(s => s.name).filter(Boolean);
    expect(new Set(names).size).toBe(names.length);
    // --from refers to an earlier stage (by name or index)
    dockerfile.stages.forEach((stage, index) => {
      for (const i of stage.instructions.filter(
        x => x.flags.from !== undefined,
      )) {
        const earlier = dockerfile.stages.slice(0, index);
        const from = i.flags.from.toLowerCase();
        const ok = earlier.some(
          s => s.name === from || String(s.index) === from,
        );
        expect({ line: i.line, from, ok }).toEqual({
          line: i.line,
          from,
          ok: true,
        });
      }
    });
  });

  it('installs, type-checks and builds the backend in a build stage', () => {
    const buildStages = dockerfile.stages.slice(0, -1);
    const runs = buildStages.flatMap(runCommands).join('\n');
    expect(runs).toMatch(/yarn install --immutable/);
    expect(runs).toMatch(/yarn tsc/);
    expect(runs).toMatch(
      /yarn --cwd packages\/backend build|yarn workspace backend build/,
    );
  });

  it('runs the final stage on Node 22 (bookworm-slim) as a non-root user', () => {
    expect(finalStage.base).toBe('node:22-bookworm-slim');
    const user = effectiveUser(finalStage);
    expect(isRootUser(user)).toBe(false);
    const lastUser = finalStage.instructions
      .map(i => i.keyword)
      .lastIndexOf('USER');
    const cmd = finalStage.instructions.map(i => i.keyword).lastIndexOf('CMD');
    expect(lastUser).toBeLessThan(cmd);
  });

  it('installs production dependencies only in the final stage', () => {
    expect(runCommands(finalStage).join('\n')).toMatch(
      /yarn workspaces focus --all --production/,
    );
    expect(stageEnv(finalStage).NODE_ENV).toBe('production');
  });

  it('starts the backend with app-config.yaml and app-config.production.yaml', () => {
    const cmds = finalStage.instructions.filter(i => i.keyword === 'CMD');
    expect(cmds).toHaveLength(1);
    const argv = cmds[0].json;
    expect(argv).toBeDefined();
    expect(argv!.slice(0, 2)).toEqual(['node', 'packages/backend']);
    const configs: string[] = [];
    argv!.forEach((arg, index) => {
      if (arg === '--config') {
        configs.push(argv![index + 1]);
      }
    });
    expect(configs).toEqual(['app-config.yaml', 'app-config.production.yaml']);
    for (const config of configs) {
      expect(
        imageHasContextFile(path.posix.resolve(finalWorkdir(), config)),
      ).toBe(true);
    }
  });

  it('only COPYs files that exist in the build context and are not .dockerignored', () => {
    const problems: string[] = [];
    for (const stage of dockerfile.stages) {
      for (const i of stage.instructions.filter(isContextCopy)) {
        const { sources } = copySourcesAndDestination(i);
        for (const source of sources) {
          const resolved = context.resolve(source);
          const wildcard = /[*?]/.test(source);
          if (resolved.length === 0 || (!wildcard && resolved.length !== 1)) {
            problems.push(`line ${i.line}: ${source}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('exposes the port of backend.listen', () => {
    const port = String(configValue('backend.listen')).replace(/^.*:/, '');
    const exposed = finalStage.instructions
      .filter(i => i.keyword === 'EXPOSE')
      .flatMap(i => i.args.split(/\s+/).map(p => p.split('/')[0]));
    expect(exposed).toContain(port);
  });

  it('contains the catalog files the production config reads from the working directory', () => {
    const locations = (configValue('catalog.locations') ?? []) as Array<
      Record<string, string>
    >;
    const fileTargets = locations
      .filter(l => l.type === 'file')
      .map(l => l.target);
    expect(fileTargets.length).toBeGreaterThan(0);
    const missing = fileTargets.filter(
      target =>
        !imageHasContextFile(path.posix.resolve(finalWorkdir(), target)),
    );
    expect(missing).toEqual([]);
    // ...and they exist in the repository.
    const absent = fileTargets.filter(
      target => context.resolve(target).length === 0,
    );
    expect(absent).toEqual([]);
  });

  it('builds no TechDocs in the portal: CI publishes them to the bucket the portal reads', () => {
    // techdocs.builder: external (docs/runbooks/techdocs-ci.md): no mkdocs in the image.
    expect(configValue('techdocs.builder')).toBe('external');
    expect(configValue('techdocs.publisher.type')).toBe('awsS3');
    const apt = runCommands(finalStage)
      .filter(r => /apt-get install/.test(r))
      .join(' ');
    expect(apt).not.toMatch(/(^|\s)mkdocs(\s|$)/);
  });

  it('ships the TechDocs sources (mkdocs.yml + docs_dir) of every catalog entity with dir: docs', () => {
    // Follow the production catalog locations, and Location entities, through the repo.
    const locations = (configValue('catalog.locations') ?? []) as Array<
      Record<string, string>
    >;
    const queue = locations
      .filter(l => l.type === 'file')
      .map(l => path.posix.normalize(l.target));
    const seen = new Set<string>();
    const techdocsDirs: string[] = [];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file) || !fs.existsSync(repoPath(file))) {
        continue;
      }
      seen.add(file);
      for (const entity of readYamlDocuments<any>(repoPath(file))) {
        const base = path.posix.dirname(file);
        if (entity?.kind === 'Location') {
          const targets: string[] = [
            ...(entity.spec?.targets ?? []),
            ...(entity.spec?.target ? [entity.spec.target] : []),
          ];
          queue.push(...targets.map(t => path.posix.join(base, t)));
        }
        const ref: unknown =
          entity?.metadata?.annotations?.['backstage.io/techdocs-ref'];
        if (typeof ref === 'string' && ref.startsWith('dir:')) {
          techdocsDirs.push(path.posix.join(base, ref.slice('dir:'.length)));
        }
      }
    }
    expect(seen.size).toBeGreaterThan(1);
    const missing: string[] = [];
    for (const dir of techdocsDirs) {
      const mkdocs = ['mkdocs.yml', 'mkdocs.yaml']
        .map(name => path.posix.join(dir, name))
        .find(f => fs.existsSync(repoPath(f)));
      if (!mkdocs) {
        missing.push(`${dir}/mkdocs.yml (not in the repository)`);
        continue;
      }
      const docsDir = path.posix.join(
        dir,
        String(readYaml<any>(repoPath(mkdocs))?.docs_dir ?? 'docs'),
      );
      for (const needed of [mkdocs, docsDir]) {
        if (!imageHasContextFile(path.posix.resolve(finalWorkdir(), needed))) {
          missing.push(needed);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes the npm registry from the NPM_REGISTRY build arg only, naming no host', () => {
    for (const stage of dockerfile.stages) {
      const runsYarnInstall = runCommands(stage).some(r =>
        /yarn (install|workspaces focus)/.test(r),
      );
      if (!runsYarnInstall) {
        continue;
      }
      const args = stage.instructions
        .filter(i => i.keyword === 'ARG')
        .map(i => i.args.trim());
      expect({ stage: stage.name ?? stage.index, args }).toEqual({
        stage: stage.name ?? stage.index,
        args: expect.arrayContaining(['NPM_REGISTRY']),
      });
    }
    const all = [
      ...dockerfile.globalArgs,
      ...dockerfile.stages.flatMap(s => [s.from, ...s.instructions]),
    ];
    const problems: string[] = [];
    for (const i of all) {
      for (const m of i.args.matchAll(
        /YARN_NPM_REGISTRY_SERVER=("?)([^\s";]*)\1/g,
      )) {
        if (!/^\$\{?NPM_REGISTRY\}?$/.test(m[2]))
          problems.push(`line ${i.line}: ${m[0]}`);
      }
      // No default value: an unset build arg means Yarn's own default registry.
      if (i.keyword === 'ARG' && /^NPM_REGISTRY=/.test(i.args.trim()))
        problems.push(`line ${i.line}: ARG default`);
      if (/https?:\/\//.test(i.args))
        problems.push(`line ${i.line}: URL in ${i.keyword}`);
    }
    expect(problems).toEqual([]);
  });

  it('does not run the image with a development NODE_ENV anywhere in the stack', () => {
    const compose = readYaml<any>(repoPath('docker/docker-compose.yaml'));
    const env = compose.services?.portal?.environment;
    const nodeEnv = isRecord(env) ? env.NODE_ENV : undefined;
    expect(nodeEnv === undefined || nodeEnv === 'production').toBe(true);
  });
});
