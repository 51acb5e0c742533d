/* Everything the backend writes to stdout/stderr while the harness runs, kept for leak scans. */

export interface CapturedOutput {
  text(): string;
  restore(): void;
}

/** Tees process.stdout and process.stderr into memory until `restore()`. */
export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const restores: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: any, ...rest: any[]) => {
      chunks.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = write as typeof stream.write;
    });
  }
  return {
    text: () => chunks.join(''),
    restore: () => restores.forEach(restore => restore()),
  };
}
