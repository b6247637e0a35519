/**
 * Finds the az CLI for the az suite, installing Debian's `azure-cli` package
 * when we can (root with apt-get), like scripts/chromium.mjs does for Chromium:
 * CI starts on a fresh machine, and the suite must run there. `AZ_PATH`
 * overrides; otherwise a clear message says what to install.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const DEBIAN_PATH = '/usr/bin/az';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const AZ_MISSING_MESSAGE =
  'The az CLI suite needs the Azure CLI and none was found. Install it (Debian/Ubuntu: ' +
  '`sudo apt-get install --no-install-recommends azure-cli`, version 2.45 is what the suite was ' +
  'written against) or set AZ_PATH to an az executable.';

/** The az executable: AZ_PATH, else Debian's, else undefined. Throws if AZ_PATH is not executable. */
export function findAz(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.AZ_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new Error(`AZ_PATH is set to "${fromEnv}", which is not an executable file.`);
  }
  return executable(DEBIAN_PATH) ? DEBIAN_PATH : undefined;
}

export function ensureAz({ log = console.error }: { log?: (m: string) => void } = {}): string {
  const found = findAz();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasCommand('apt-get')) {
    log('az not found: installing Debian\'s "azure-cli" package (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'azure-cli'], {
      stdio: 'inherit',
      env,
    });
    if (executable(DEBIAN_PATH)) return DEBIAN_PATH;
  }
  throw new Error(AZ_MISSING_MESSAGE);
}
