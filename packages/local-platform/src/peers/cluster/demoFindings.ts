import type { FakeVulnerability } from '@internal/plugin-service-health-backend/testUtils';

/** The CVEs the demo images carry, worst first: some fixable, some not yet. */
const POOL: FakeVulnerability[] = [
  {
    id: 'CVE-2026-24511',
    severity: 'CRITICAL',
    pkg: 'openssl',
    installed: '3.0.11-1~deb12u2',
    fixed: '3.0.15-1~deb12u1',
    score: 9.8,
  },
  {
    id: 'CVE-2026-31207',
    severity: 'CRITICAL',
    pkg: 'libexpat1',
    installed: '2.5.0-1',
    score: 9.1,
  },
  {
    id: 'CVE-2026-29404',
    severity: 'HIGH',
    pkg: 'golang.org/x/net',
    installed: 'v0.30.0',
    fixed: '0.33.0',
    score: 7.5,
  },
  {
    id: 'CVE-2026-27119',
    severity: 'HIGH',
    pkg: 'zlib1g',
    installed: '1:1.2.13.dfsg-1',
    fixed: '1:1.2.13.dfsg-1+deb12u1',
    score: 7.4,
  },
  {
    id: 'CVE-2026-22035',
    severity: 'HIGH',
    pkg: 'libc6',
    installed: '2.36-9+deb12u4',
    score: 7.0,
  },
  {
    id: 'CVE-2026-18841',
    severity: 'MEDIUM',
    pkg: 'curl',
    installed: '7.88.1-10+deb12u5',
    fixed: '7.88.1-10+deb12u8',
    score: 5.9,
  },
  {
    id: 'CVE-2026-16602',
    severity: 'MEDIUM',
    pkg: 'libgnutls30',
    installed: '3.7.9-2+deb12u2',
    fixed: '3.7.9-2+deb12u3',
    score: 5.3,
  },
  {
    id: 'CVE-2026-11930',
    severity: 'LOW',
    pkg: 'tar',
    installed: '1.34+dfsg-1.2',
    score: 3.3,
  },
  {
    id: 'CVE-2026-10208',
    severity: 'LOW',
    pkg: 'login',
    installed: '1:4.13+dfsg1-1',
    score: 2.9,
  },
];

/**
 * What the i-th workload's image carries: a different slice of the pool for each, so the catalog
 * shows a spread (every seventh workload is clean, every fifth is not scanned yet: undefined).
 */
export function demoVulnerabilities(
  i: number,
): FakeVulnerability[] | undefined {
  if (i % 5 === 4) return undefined;
  if (i % 7 === 3) return [];
  const start = i % 3;
  const length = 2 + (i % 6);
  return POOL.slice(start, start + length);
}
