import { LOCAL_PORTS, type LocalPortName } from '../ports';
import { assertPortsFree, fixedPorts, type NamedPort } from '../portsFree';

/** Every port make start listens on: the app (3000), the backend (7007) and each peer's. */
export function startPorts(): NamedPort[] {
  return fixedPorts(Object.keys(LOCAL_PORTS) as LocalPortName[]);
}

/**
 * undefined when every port is free; otherwise what make start prints before it exits 1, having
 * started nothing: one line per taken port, naming it and what would have used it.
 */
export async function portsProblem(
  ports: ReadonlyArray<NamedPort> = startPorts(),
): Promise<string | undefined> {
  try {
    await assertPortsFree(ports);
    return undefined;
  } catch (error) {
    const lines = (error as Error).message.split('\n');
    return [
      `make start started nothing: ${
        lines.length === 1 ? 'a port it needs is' : 'ports it needs are'
      } in use.`,
      ...lines.map(line => `  ${line}`),
      'Another make start still running? Stop it (Ctrl-C in its terminal), then run make start again.',
      '',
    ].join('\n');
  }
}
