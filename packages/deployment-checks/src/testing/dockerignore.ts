/*
 * .dockerignore matching, following moby/patternmatcher: patterns are matched
 * against the path relative to the build context, a pattern that matches a
 * parent directory excludes everything below it, `!` re-includes, and the last
 * matching pattern wins.
 */

interface Pattern {
  exclusion: boolean;
  regex: RegExp;
  source: string;
}

function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**` matches any number of directories (also none).
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) {
        re += '\\[';
      } else {
        let cls = glob.slice(i + 1, end);
        if (cls.startsWith('!')) {
          cls = `^${cls.slice(1)}`;
        }
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      i++;
      re += glob[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

function clean(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

export class DockerIgnore {
  private readonly patterns: Pattern[];

  constructor(text: string) {
    this.patterns = [];
    for (const rawLine of text.split(/\r?\n/)) {
      let line = rawLine.trim();
      if (!line || line.startsWith('#')) {
        continue;
      }
      const exclusion = line.startsWith('!');
      if (exclusion) {
        line = line.slice(1).trim();
      }
      const cleaned = clean(line);
      if (!cleaned) {
        continue;
      }
      this.patterns.push({
        exclusion,
        regex: globToRegex(cleaned),
        source: rawLine.trim(),
      });
    }
  }

  /** Whether a context-relative path is left out of the build context. */
  isIgnored(relativePath: string): boolean {
    const file = clean(relativePath);
    const parents: string[] = [];
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      parents.push(parts.slice(0, i).join('/'));
    }
    let matched = false;
    for (const pattern of this.patterns) {
      const hit =
        pattern.regex.test(file) ||
        parents.some(parent => pattern.regex.test(parent));
      if (hit) {
        matched = !pattern.exclusion;
      }
    }
    return matched;
  }
}
