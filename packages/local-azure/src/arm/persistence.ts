/**
 * Writes the state file atomically (tmp + rename) and coalesces bursts: while
 * one write is in flight, later changes share a single follow-up write. Every
 * caller's promise resolves only once a write that started after its change
 * has reached the disk, so a response is sent after its change is durable.
 */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class StateFile {
  private readonly path: string;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    dir: string,
    private readonly snapshot: () => string,
    private readonly enabled: boolean,
  ) {
    this.path = join(dir, 'state.json');
    if (enabled) mkdirSync(dir, { recursive: true });
  }

  read(): unknown {
    if (!existsSync(this.path)) return undefined;
    return JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
  }

  /** Resolves once the current state (as of this call) is on disk. */
  save(): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    if (this.queued) return this.queued;
    if (!this.inFlight) {
      this.inFlight = this.write().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    const after = this.inFlight.catch(() => undefined);
    this.queued = after.then(() => {
      this.queued = undefined;
      return this.save();
    });
    return this.queued;
  }

  async flush(): Promise<void> {
    await this.queued;
    await this.inFlight;
  }

  private async write(): Promise<void> {
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, this.snapshot());
    await rename(tmp, this.path);
  }
}
