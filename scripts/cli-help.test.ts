// pnpm 12 answers `--help` itself for its built-in commands (`pnpm start`) and for
// a script that runs another pnpm command. These spawn the documented spellings
// the way a person types them and check the launcher's own usage comes back.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function pnpm(...args: string[]): { status: number | null; stdout: string } {
  const run = spawnSync('pnpm', args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout };
}

describe('command-line help under pnpm', () => {
  it.each([
    ['local-azure', '--help'],
    ['local-azure', '-h'],
    ['local-azure', 'help'],
  ])('pnpm %s %s prints local Azure usage', (...args) => {
    const run = pnpm(...args);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: local-azure [--scenario demo|large|empty]');
    expect(run.stdout).not.toContain('Runs an arbitrary command');
  });

  it.each([
    ['start', 'help'],
    ['start', '--', '--help'],
    ['run', 'start', '--help'],
  ])('pnpm %s %s prints the launcher usage', (...args) => {
    const run = pnpm(...args);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: pnpm start [--scenario demo|large|empty]');
    // Help only: nothing was built or started.
    expect(run.stdout).not.toContain('Building the web app');
  });

  it('an unknown word is refused with the usage, not ignored', () => {
    const run = spawnSync('pnpm', ['local-azure', 'hepl'], { cwd: root, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('Unexpected argument "hepl"');
  });
});
