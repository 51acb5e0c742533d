import net from 'node:net';
import { LOCAL_PORTS, type LocalPortName } from './ports';
import type { PeerName } from './types';

/** A port something will listen on, and what (for the message when it is taken). */
export interface NamedPort {
  port: number;
  name: string;
}

const PORT_NAMES: Record<LocalPortName, string> = {
  app: 'the portal app',
  backend: 'the portal backend',
  git: 'loopback Git',
  prometheus: 'Prometheus',
  loki: 'Loki',
  grafana: 'Grafana',
  argoEvents: 'Argo Events webhook',
  dex: 'Dex',
  argocdProd: 'Argo CD prod',
  argocdStaging: 'Argo CD staging',
  argocdControl: 'Argo CD control',
};

const PEER_PORTS: Record<PeerName, LocalPortName[]> = {
  git: ['git'],
  argocd: ['argocdProd', 'argocdStaging', 'argocdControl'],
  observability: ['prometheus', 'loki', 'grafana'],
  argoEvents: ['argoEvents'],
  dex: ['dex'],
  // a free port: its URL comes with the generated config
  cluster: [],
  github: [],
};

/** The fixed ports (LOCAL_PORTS) of these peers, or of these LOCAL_PORTS names, named. */
export function fixedPorts(
  names: ReadonlyArray<PeerName | LocalPortName>,
): NamedPort[] {
  const keys = names.flatMap(name =>
    name in PEER_PORTS ? PEER_PORTS[name as PeerName] : [name as LocalPortName],
  );
  return [...new Set(keys)].map(key => ({
    port: LOCAL_PORTS[key],
    name: PORT_NAMES[key],
  }));
}

/** Whether nothing listens on the port on any address (IPv6 and IPv4, loopback or not). */
async function isFree(port: number): Promise<boolean> {
  const tryListen = (host: string) =>
    new Promise<'free' | 'taken' | 'unsupported'>(resolve => {
      const server = net.createServer();
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
          resolve('taken');
        } else {
          resolve('unsupported');
        }
      });
      // exclusive: a cluster worker would otherwise share the handle of the primary
      server.listen({ port, host, exclusive: true }, () =>
        server.close(() => resolve('free')),
      );
    });
  // '::' is dual-stack, so a listener on 127.0.0.1, 0.0.0.0 or ::1 makes it fail; without IPv6,
  // 0.0.0.0 fails for any IPv4 listener
  const dual = await tryListen('::');
  if (dual !== 'unsupported') return dual === 'free';
  return (await tryListen('0.0.0.0')) === 'free';
}

/**
 * Fails with one message naming every taken port and what would have used it, e.g.
 * "port 9090 (Prometheus) is taken: stop what holds it (ss -ltnp 'sport = :9090')".
 */
export async function assertPortsFree(
  ports: ReadonlyArray<NamedPort>,
): Promise<void> {
  const results = await Promise.all(
    ports.map(async p => ({ ...p, free: await isFree(p.port) })),
  );
  const taken = results.filter(p => !p.free);
  if (taken.length > 0) {
    throw new Error(
      taken
        .map(
          p =>
            `port ${p.port} (${p.name}) is taken: stop what holds it (ss -ltnp 'sport = :${p.port}')`,
        )
        .join('\n'),
    );
  }
}
