/**
 * The stop steps of make start, run once, last added first (the portal before the peers it
 * talks to). A failing step is reported and the next one still runs.
 */
export class Shutdown {
  private readonly steps: { name: string; stop: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: (line: string) => void) {}

  add(name: string, stop: () => Promise<void>): void {
    this.steps.push({ name, stop });
  }

  /** Whether stopping has begun: nothing new should be started then. */
  get started(): boolean {
    return this.running !== undefined;
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        this.log(`stopping ${step.name}`);
        try {
          await step.stop();
        } catch (error) {
          this.log(`stopping ${step.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}
