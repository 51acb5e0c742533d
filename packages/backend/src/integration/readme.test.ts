import fs from 'node:fs';
import path from 'node:path';
import { ATTACKS } from './attacks';

describe('README', () => {
  it('lists every attack row, and only those', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, 'README.md'), 'utf8');
    const rows = readme.slice(readme.indexOf('## The rows'));
    const listed = [...rows.matchAll(/^\| [a-z]+(?:-[a-z]+)* \| (.+?) \| /gm)].map(m => m[1].replace(/\\\|/g, '|'))
      .filter(name => name !== 'row'); // the header
    expect(listed.sort()).toEqual(ATTACKS.map(r => r.name).sort());
  });

  it('gives every row a unique name', () => {
    const names = ATTACKS.map(r => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
