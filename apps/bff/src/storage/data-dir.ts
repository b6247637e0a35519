import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The data folder cannot hold the database; the message says which folder and why. */
export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${dir} cannot be used as the data folder: ${reason}`, options);
    this.name = 'DataDirError';
  }
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'this process may not write there';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'the path, or a folder on it, is a file';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return (error as Error)?.message ?? String(error);
  }
}

/**
 * Makes the folder (and its parents) if missing and proves it writable with a
 * probe file, before PGlite opens it: PGlite's own failure ("failed to
 * initialize properly") names neither the folder nor the cause.
 */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const probe = join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new DataDirError(dir, reasonOf(error), { cause: error });
  }
}
