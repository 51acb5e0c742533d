/*
 * Every action's examples stay true: literal examples run (dry run) and succeed; templated ones
 * only use input fields the action declares.
 */
import { parse } from 'yaml';
import { createPlatformActions } from '.';
import { depsFor, seedGitops } from '../testing/kit';
import { runAction } from '../testing/runAction';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '../testing/loopbackGitServer';

describe('action examples', () => {
  let server: LoopbackGitServer;
  beforeAll(async () => {
    server = await startLoopbackGitServer();
    await seedGitops(server);
  });
  afterAll(() => server.stop());

  it('every action has examples, and every example step is runnable or uses declared fields only', async () => {
    const actions = createPlatformActions(depsFor(server));
    let ran = 0;
    for (const action of actions) {
      expect({
        id: action.id,
        examples: (action.examples ?? []).length > 0,
      }).toEqual({ id: action.id, examples: true });
      for (const example of action.examples ?? []) {
        const steps = parse(example.example).steps as Array<{
          action: string;
          input: Record<string, unknown>;
        }>;
        for (const step of steps.filter(s => s.action === action.id)) {
          const declared = Object.keys(
            (action.schema?.input as any)?.properties ?? {},
          );
          expect({
            example: example.description,
            unknown: Object.keys(step.input).filter(k => !declared.includes(k)),
          }).toEqual({
            example: example.description,
            unknown: [],
          });
          // Examples name the local loopback server (127.0.0.1:7008); run them against this one.
          const text = JSON.stringify(step.input)
            .split('127.0.0.1:7008')
            .join(server.host);
          if (!text.includes('${{')) {
            await runAction(action, JSON.parse(text), { dryRun: true });
            ran++;
          }
        }
      }
    }
    expect(ran).toBeGreaterThanOrEqual(6);
  });
});
