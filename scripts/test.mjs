// `pnpm test`: lint, typecheck, unit + integration (vitest: every package's
// suites, including the PostgreSQL and local-Azure ones, which start their own
// servers), then the browser tests (Playwright in Debian's Chromium). Ends with
// one plain summary line, "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const vitestJson = join(tmp, 'vitest-results.json');
const playwrightJson = join(tmp, 'playwright-results.json');
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const only = process.argv.slice(2);
const steps = [
  { name: 'lint', cmd: ['pnpm', 'lint'] },
  { name: 'typecheck', cmd: ['pnpm', 'typecheck'] },
  {
    name: 'unit+integration',
    cmd: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
  },
  {
    name: 'e2e',
    before: () => {
      process.env.CHROMIUM_PATH = ensureChromium();
    },
    cmd: ['pnpm', '--filter', '@latchkey/e2e', 'test'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  },
].filter((s) => only.length === 0 || only.includes(s.name));

const results = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  let status = 1;
  try {
    step.before?.();
    const run = spawnSync(step.cmd[0], step.cmd.slice(1), {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...step.env },
    });
    status = run.status ?? 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  }
  results.push({ name: step.name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  if (status !== 0) break;
}

let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  console.log(
    `\nvitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests ?? 0} skipped`,
  );
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  const s = p.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
  console.log(
    `playwright: ${s.expected ?? 0} passed, ${s.unexpected ?? 0} failed, ${s.flaky ?? 0} flaky, ${s.skipped ?? 0} skipped`,
  );
}
for (const r of results)
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
const allOk = results.length === steps.length && results.every((r) => r.ok) && failed === 0;
if (!allOk && failed === 0) failed = 1; // a step failed before its tests could be counted
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
