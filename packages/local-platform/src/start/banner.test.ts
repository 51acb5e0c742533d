import type { LocalPlatformDescription } from '../types';
import { bannerText, formatDuration, peerRows } from './banner';

const platform: LocalPlatformDescription = {
  git: {
    url: 'http://127.0.0.1:7008',
    host: '127.0.0.1:7008',
    adminToken: 'git-secret-token',
  },
  argocd: {
    instances: [
      {
        name: 'prod',
        url: 'http://127.0.0.1:8081',
        token: 'argocd-prod-secret',
      },
      {
        name: 'staging',
        url: 'http://127.0.0.1:8082',
        token: 'argocd-staging-secret',
      },
    ],
    control: 'http://127.0.0.1:8089',
    apps: ['payments-api'],
  },
  observability: {
    prometheusUrl: 'http://127.0.0.1:9090',
    lokiUrl: 'http://127.0.0.1:3100',
    grafanaUrl: 'http://127.0.0.1:3001',
  },
  argoEvents: {
    url: 'http://127.0.0.1:12000/provisioning',
    token: 'evs_secret',
  },
  dex: {
    issuer: 'http://127.0.0.1:5556/dex',
    clientId: 'portico',
    clientSecret: 'dex-client-secret',
  },
  users: [
    {
      login: 'bob',
      password: 'bob-password',
      email: 'bob@portico.example',
      entityRef: 'user:default/bob',
      role: "owner: payments-team's services",
    },
    {
      login: 'alice',
      password: 'alice-password',
      email: 'alice@portico.example',
      entityRef: 'user:default/alice',
      role: 'admin',
    },
  ],
  backendConfig: {},
};

const options = {
  appUrl: 'http://localhost:3000',
  backendUrl: 'http://localhost:7007',
  elapsedMs: 83_400,
  portalLog: '.cache/local-platform/portal.log',
  configFile: '.cache/local-platform/app-config.local-platform.yaml',
};

describe('bannerText', () => {
  it('says where the portal is, who to sign in as, the peers and how to stop', () => {
    const text = bannerText(platform, options);
    expect(text).toContain(
      'Portico is ready at http://localhost:3000 (after 1 min 23 s)',
    );
    expect(text).toMatch(
      /bob \/ bob-password\s+owner: payments-team's services/,
    );
    expect(text).toMatch(/alice \/ alice-password\s+admin/);
    expect(text).toMatch(/Guest\s+a signed-in user of no team/);
    for (const line of [
      /Argo CD prod\s+http:\/\/127\.0\.0\.1:8081/,
      /Argo CD staging\s+http:\/\/127\.0\.0\.1:8082/,
      /Prometheus\s+http:\/\/127\.0\.0\.1:9090/,
      /Grafana\s+http:\/\/127\.0\.0\.1:3001/,
      /Loki\s+http:\/\/127\.0\.0\.1:3100/,
      /Git server\s+http:\/\/127\.0\.0\.1:7008 \(platform\/gitops\)/,
      /Argo Events webhook\s+http:\/\/127\.0\.0\.1:12000\/provisioning/,
      /Dex \(OIDC issuer\)\s+http:\/\/127\.0\.0\.1:5556\/dex/,
    ])
      expect(text).toMatch(line);
    expect(text).toContain('Portal output: .cache/local-platform/portal.log');
    expect(text).toContain(
      '.cache/local-platform/app-config.local-platform.yaml',
    );
    expect(text).toContain('Ctrl-C stops everything.');
  });

  it('prints no token or client secret', () => {
    const text = bannerText(platform, options);
    for (const secret of [
      'git-secret-token',
      'argocd-prod-secret',
      'argocd-staging-secret',
      'evs_secret',
      'dex-client-secret',
    ])
      expect(text).not.toContain(secret);
  });

  it('aligns the users and the peers in columns', () => {
    const lines = bannerText(platform, options).split('\n');
    const at = (prefix: string, text: string) => {
      const line = lines.find(l => l.startsWith(`  ${prefix}`));
      return line?.indexOf(text);
    };
    const roleColumn = [
      at('bob', 'owner:'),
      at('alice', 'admin'),
      at('Guest', 'a signed-in'),
    ];
    expect(roleColumn[0]).toBeGreaterThan(0);
    expect(new Set(roleColumn).size).toBe(1);
    const urlColumn = ['Argo CD prod', 'Prometheus', 'Git server', 'Dex'].map(
      p => at(p, 'http://'),
    );
    expect(urlColumn[0]).toBeGreaterThan(0);
    expect(new Set(urlColumn).size).toBe(1);
  });

  it('without Dex offers the guest only, and without peers lists none', () => {
    const text = bannerText({ users: [], backendConfig: {} }, options);
    expect(text).toContain('Sign in as Guest:');
    expect(text).not.toContain('Sign in with Dex');
    expect(text).not.toContain('Local platform:');
    expect(peerRows({ users: [], backendConfig: {} })).toEqual([]);
  });
});

describe('formatDuration', () => {
  it('rounds to seconds, minutes past 60 s', () => {
    expect(formatDuration(400)).toBe('0 s');
    expect(formatDuration(44_600)).toBe('45 s');
    expect(formatDuration(60_000)).toBe('1 min 0 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
