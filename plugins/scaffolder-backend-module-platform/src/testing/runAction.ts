import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { bobEntity, recordingLogger } from './kit';

interface RunOptions {
  workspacePath?: string;
  dryRun?: boolean;
  taskId?: string;
  logger?: ReturnType<typeof recordingLogger>;
  user?: { entity?: any; ref?: string };
  signal?: AbortSignal;
}

/** Runs an action handler like the scaffolder does and returns its outputs. */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: unknown,
  options: RunOptions = {},
): Promise<Record<string, any>> {
  const outputs: Record<string, any> = {};
  const recorder = options.logger ?? recordingLogger();
  const ctx = createMockActionContext({
    input: input as any,
    ...(options.workspacePath ? { workspacePath: options.workspacePath } : {}),
    task: { id: options.taskId ?? 'task-1' },
    user: options.user ?? { entity: bobEntity as any, ref: 'user:default/bob' },
    logger: recorder.logger,
  });
  ctx.output = (name: any, value: any) => {
    outputs[name] = value;
  };
  ctx.isDryRun = options.dryRun ?? false;
  ctx.signal = options.signal;
  await action.handler(ctx as any);
  return outputs;
}
