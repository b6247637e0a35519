import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  auditActionCodes,
  auditActionName,
  bulkTokenActions,
  observedAuditActions,
} from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { trackedConnectedRegistryFields } from '../registries/snapshot-diff';

const src = join(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/**
 * Every action code written in the BFF's source as a string literal
 * (`'token.password.generate'`), plus the connected-registry fields the
 * snapshot diff turns into `connectedRegistry.<field>` codes.
 */
async function recordedCodes(): Promise<Set<string>> {
  const codes = new Set<string>();
  const literal = /'((?:token|scopeMap|connectedRegistry|registry)\.[A-Za-z]+(?:\.[A-Za-z]+)*)'/g;
  for (const file of await sourceFiles(src)) {
    const text = await readFile(file, 'utf8');
    // Only where the code is an audit action: `action: '…'`, a ternary picking one, or an
    // argument on a line of its own (`this.audited(change, ref, name, 'token.…', …)` as
    // prettier wraps it).
    for (const line of text.split('\n')) {
      const ownLineArgument = /^\s*'[^']+',\s*$/.test(line);
      if (!/action\b/.test(line) && !/\?\s*'/.test(line) && !ownLineArgument) continue;
      for (const m of line.matchAll(literal)) codes.add(m[1]!);
    }
  }
  for (const field of trackedConnectedRegistryFields) codes.add(`connectedRegistry.${field}`);
  // The bulk action's own record is `token.bulk.<action>`, built from the action's name.
  for (const action of bulkTokenActions) codes.add(`token.bulk.${action}`);
  return codes;
}

describe('audit action names', () => {
  it('names every action code the BFF records', async () => {
    const codes = await recordedCodes();
    // The scan finds the console's changes and the observed ones (a scan that finds nothing proves nothing).
    expect(codes).toContain('token.password.generate');
    expect(codes).toContain('token.disable');
    expect(codes).toContain('scopeMap.actions');
    expect(codes).toContain('connectedRegistry.mode');
    const unnamed = [...codes].filter((c) => !(auditActionCodes as string[]).includes(c));
    expect(unnamed).toEqual([]);
    expect(auditActionName('token.password.generate')).toBe('Generate password');
  });

  it('lists as observed exactly the codes the snapshot diff writes', async () => {
    const diff = await readFile(join(src, 'features/registries/snapshot-diff.ts'), 'utf8');
    const written = new Set([...diff.matchAll(/action: '([A-Za-z.]+)'/g)].map((m) => m[1]!));
    for (const field of trackedConnectedRegistryFields) written.add(`connectedRegistry.${field}`);
    expect([...written].sort()).toEqual([...observedAuditActions].sort());
  });

  it('shows an unknown code as it is', () => {
    expect(auditActionName('token.somethingNew')).toBe('token.somethingNew');
    expect(auditActionName('toString')).toBe('toString');
  });
});
