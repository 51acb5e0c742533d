/*
 * A small Dockerfile parser: enough to reason about stages, COPY sources,
 * USER, ARG, ENV and CMD. No heredocs, no custom escape character.
 */

export interface Instruction {
  /** Upper-case instruction, e.g. `COPY`. */
  keyword: string;
  /** Everything after the keyword and its `--flags`, continuations joined. */
  args: string;
  /** `--name=value` flags (`--name` alone maps to 'true'). */
  flags: Record<string, string>;
  /** The exec (JSON array) form, when used. */
  json?: string[];
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  index: number;
  /** `AS <name>`, lower-cased as Docker does. */
  name?: string;
  /** The base image or stage named in FROM. */
  base: string;
  from: Instruction;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
}

const FLAG_KEYWORDS = new Set(['FROM', 'COPY', 'ADD', 'RUN', 'HEALTHCHECK']);

function splitFlags(keyword: string, rest: string) {
  const flags: Record<string, string> = {};
  let args = rest;
  if (FLAG_KEYWORDS.has(keyword)) {
    for (;;) {
      const m = /^--([A-Za-z0-9-]+)(?:=(\S*))?\s*/.exec(args);
      if (!m) {
        break;
      }
      // RUN --mount may be repeated; keep every value.
      flags[m[1]] =
        flags[m[1]] === undefined
          ? m[2] ?? 'true'
          : `${flags[m[1]]} ${m[2] ?? 'true'}`;
      args = args.slice(m[0].length);
    }
  }
  return { flags, args };
}

function parseJsonForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every(p => typeof p === 'string')) {
      return parsed;
    }
  } catch {
    // Docker falls back to the shell form for invalid JSON.
  }
  return undefined;
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  const instructions: Instruction[] = [];
  let buffer: string | undefined;
  let startLine = 0;

  const flush = () => {
    if (buffer === undefined) {
      return;
    }
    const trimmed = buffer.trim();
    buffer = undefined;
    if (!trimmed) {
      return;
    }
    const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed)!;
    const keyword = m[1].toUpperCase();
    const { flags, args } = splitFlags(keyword, m[2].trim());
    instructions.push({
      keyword,
      flags,
      args,
      json: parseJsonForm(args),
      line: startLine,
    });
  };

  lines.forEach((rawLine, i) => {
    const line = rawLine.replace(/\s+$/, '');
    // Comment lines are dropped, also inside a continued instruction.
    if (/^\s*#/.test(line)) {
      return;
    }
    if (buffer === undefined) {
      if (!line.trim()) {
        return;
      }
      buffer = '';
      startLine = i + 1;
    }
    if (line.endsWith('\\')) {
      buffer += `${line.slice(0, -1)} `;
    } else {
      buffer += line;
      flush();
    }
  });
  flush();

  const dockerfile: Dockerfile = { globalArgs: [], stages: [] };
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(instruction.args);
      if (!m) {
        throw new Error(
          `line ${instruction.line}: cannot parse FROM ${instruction.args}`,
        );
      }
      dockerfile.stages.push({
        index: dockerfile.stages.length,
        base: m[1],
        name: m[2]?.toLowerCase(),
        from: instruction,
        instructions: [],
      });
    } else if (dockerfile.stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new Error(
          `line ${instruction.line}: ${instruction.keyword} before the first FROM`,
        );
      }
      dockerfile.globalArgs.push(instruction);
    } else {
      dockerfile.stages[dockerfile.stages.length - 1].instructions.push(
        instruction,
      );
    }
  }
  return dockerfile;
}

/** Sources and destination of a COPY/ADD instruction. */
export function copySourcesAndDestination(instruction: Instruction): {
  sources: string[];
  destination: string;
} {
  const parts =
    instruction.json ?? instruction.args.split(/\s+/).filter(Boolean);
  if (parts.length < 2) {
    throw new Error(
      `line ${instruction.line}: ${instruction.keyword} needs a source and a destination`,
    );
  }
  return { sources: parts.slice(0, -1), destination: parts[parts.length - 1] };
}

/** The user a stage ends up running as ('root' when it sets none). */
export function effectiveUser(stage: Stage): string {
  const users = stage.instructions.filter(i => i.keyword === 'USER');
  return users.length === 0 ? 'root' : users[users.length - 1].args.trim();
}

export function isRootUser(user: string): boolean {
  const name = user.split(':')[0];
  return name === 'root' || name === '0' || name === '';
}

/** ENV instructions of a stage as a map (`ENV A=b C=d` and `ENV A b`). */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.instructions.filter(x => x.keyword === 'ENV')) {
    if (!i.args.includes('=')) {
      const m = /^(\S+)\s+(.*)$/.exec(i.args);
      if (m) {
        env[m[1]] = m[2];
      }
      continue;
    }
    for (const m of i.args.matchAll(
      /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g,
    )) {
      env[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  return env;
}
