/** One line of Argo CD's application watch stream, as far as the watcher reads it. */
export type WatchLine =
  | { kind: 'event'; type: 'ADDED' | 'MODIFIED' | 'DELETED'; application: any }
  | { kind: 'gone'; message: string }
  | { kind: 'error'; message: string };

/**
 * Reads a stream of newline-delimited JSON (grpc-gateway's server streaming: `{"result":..}` or
 * `{"error":{"http_code":..}}` per line) and yields each line's meaning. A line that is not JSON
 * ends the stream with an error (the watcher resumes); the stream ending ends the generator.
 */
export async function* watchLines(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<WatchLine> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) yield parseLine(line);
        newline = buffered.indexOf('\n');
      }
    }
    const rest = (buffered + decoder.decode()).trim();
    if (rest) yield parseLine(rest);
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}

export function parseLine(line: string): WatchLine {
  let parsed: any;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { kind: 'error', message: 'watch stream line is not JSON' };
  }
  if (parsed?.error) {
    const code = Number(parsed.error.http_code ?? parsed.error.code);
    const message = String(parsed.error.message ?? 'watch error').slice(0, 300);
    return code === 410
      ? { kind: 'gone', message }
      : { kind: 'error', message };
  }
  const result = parsed?.result;
  if (
    (result?.type === 'ADDED' ||
      result?.type === 'MODIFIED' ||
      result?.type === 'DELETED') &&
    result.application
  ) {
    return {
      kind: 'event',
      type: result.type,
      application: result.application,
    };
  }
  return { kind: 'error', message: 'unexpected watch stream line' };
}
