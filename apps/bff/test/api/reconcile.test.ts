/**
 * Changes a crash cut off (an intent without outcome) are marked "outcome
 * unknown" at start-up, then settled against ARM by the first read of their
 * registry by someone allowed to read it: one definite outcome, with a note of
 * what was observed, never two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  childId,
  credentialResultSchema,
  registryOverviewSchema,
  type RegistryPath,
  type TokenView,
} from '@latchkey/domain';
import { markInterruptedChanges } from '../../src/features/audit/recorder';
import type { AuditRecord } from '../../src/storage';
import { startDemoHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;
let r: RegistryPath;

beforeAll(async () => {
  ({ h, r, admin, reviewer } = await startDemoHarness({
    credentialLimit: { limit: 1000, windowMs: 60_000 },
  }));
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const silent = { warn: () => {} } as never;
const actor = {
  oid: 'avery-oid',
  name: 'Avery Admin',
  username: 'avery@contoso.onmicrosoft.com',
};

async function overview(cookie = admin) {
  const res = await h.get(apiPaths.overview(r), cookie);
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}
const tokenOf = async (name: string): Promise<TokenView> =>
  (await overview()).tokens.find((t) => t.name === name)!;

/** An intent shaped as the services write it (`before: { actor, state }`), left without outcome. */
function intent(action: string, target: string, state: unknown): Promise<string> {
  return h.audit.appendIntent({
    actor: actor.username,
    action,
    target,
    before: { actor, state },
    requestId: `crashed-${action}`,
  });
}

/** What the token summary in an intent looks like (names and dates only). */
const summary = (t: TokenView) => ({
  status: t.status,
  scopeMap: t.scopeMapName,
  passwords: t.passwords.map((p) => ({
    name: p.name,
    present: p.present,
    ...(p.creationTime ? { creationTime: p.creationTime } : {}),
    expiry: p.present ? (p.expiry ?? 'never') : null,
  })),
});

async function outcomesOf(intentId: string): Promise<AuditRecord[]> {
  return (await h.audit.list({ limit: 500 })).records
    .filter((x) => x.intentId === intentId)
    .reverse();
}

const send = (method: 'PATCH' | 'DELETE' | 'POST', path: string, body?: unknown) =>
  h.send(method, path, { cookie: admin, ...(body !== undefined ? { body } : {}) });

describe('reconciling "outcome unknown" against ARM', () => {
  it('settles each kind of change by what ARM shows, on the first read, once', async () => {
    const tokenId = (name: string) => childId(r, 'tokens', name);

    // Changes that reached ARM before the crash: ARM is put in the state they
    // leave, and then their intents are written as the crashed changes wrote
    // them. (A console change recorded after an intent would supersede it:
    // the reconciler could no longer tell whose change ARM shows.)
    // A disable that reached ARM.
    const disabledBefore = await tokenOf('release-manager');
    expect(
      (await send('PATCH', apiPaths.tokenResource(r, 'release-manager'), { status: 'disabled' }))
        .status,
    ).toBe(200);
    const happened = await intent(
      'token.disable',
      tokenId('release-manager'),
      summary(disabledBefore),
    );

    // A disable that never reached ARM.
    const notHappened = await intent(
      'token.disable',
      tokenId('north-build-agent'),
      summary(await tokenOf('north-build-agent')),
    );

    // A delete that reached ARM.
    const deletedBefore = await tokenOf('audit-export');
    expect((await send('DELETE', apiPaths.tokenResource(r, 'audit-export'))).status).toBe(204);
    const deleted = await intent('token.delete', tokenId('audit-export'), summary(deletedBefore));

    // A password generation that reached ARM: the slot holds a newer password.
    const rotatedBefore = await tokenOf('tracker-south');
    const generated = await send('POST', apiPaths.tokenPasswords(r, 'tracker-south'), {
      slot: 'password2',
    });
    expect(generated.status).toBe(200);
    const secret = credentialResultSchema.parse(await generated.json()).credentials.passwords[0]!
      .value;
    const rotated = await intent('token.password.generate', tokenId('tracker-south'), {
      ...summary(rotatedBefore),
      slot: 'password2',
      expiry: 'never',
    });

    // A scope-map save that never reached ARM.
    const map = (await overview()).scopeMaps.find((m) => m.name === 'scanner-pull')!;
    const unsaved = await intent('scopeMap.update', map.id, {
      version: map.version,
      actions: map.actions,
      description: map.description ?? null,
      intended: { actions: [...map.actions, 'repositories/alpha/never-saved/content/read'] },
    });

    // A change in another registry: this registry's read must leave it alone.
    const elsewhere = await intent(
      'token.disable',
      childId({ ...r, registryName: 'otherregistry' }, 'tokens', 'x'),
      { status: 'enabled' },
    );

    // A disable that never reached ARM, then a disable by someone else through
    // the console: ARM shows the later change, which says nothing of this one.
    const superseded = await intent(
      'token.disable',
      tokenId('mes-south-app'),
      summary(await tokenOf('mes-south-app')),
    );
    expect(
      (await send('PATCH', apiPaths.tokenResource(r, 'mes-south-app'), { status: 'disabled' }))
        .status,
    ).toBe(200);

    // Start-up after the crash.
    expect(await markInterruptedChanges(h.audit, silent)).toBe(7);
    for (const id of [happened, notHappened, deleted, rotated, unsaved, elsewhere]) {
      expect((await outcomesOf(id)).map((x) => x.outcome)).toEqual(['unknown']);
    }

    // The first read by someone allowed to read the registry (a reviewer will do).
    await overview(reviewer);
    const settled = async (id: string) => {
      const records = await outcomesOf(id);
      expect(records.map((x) => x.outcome).slice(0, 1)).toEqual(['unknown']);
      expect(records).toHaveLength(2);
      const last = records[1]!;
      const note = (last.after as { note: string }).note;
      expect(note).toMatch(/^reconciled against ARM at \d{4}-\d\d-\d\dT[\d:.]+Z: /);
      expect((last.after as { observedBy: string }).observedBy).toBe(
        'riley@contoso.onmicrosoft.com',
      );
      return { outcome: last.outcome, note };
    };
    expect(await settled(happened)).toMatchObject({ outcome: 'succeeded' });
    expect((await settled(happened)).note).toContain('release-manager is disabled');
    expect(await settled(notHappened)).toMatchObject({ outcome: 'failed' });
    expect((await settled(notHappened)).note).toContain('north-build-agent is enabled');
    expect(await settled(deleted)).toMatchObject({ outcome: 'succeeded' });
    expect((await settled(deleted)).note).toContain('audit-export does not exist');
    expect(await settled(rotated)).toMatchObject({ outcome: 'succeeded' });
    expect(await settled(unsaved)).toMatchObject({ outcome: 'failed' });
    expect((await outcomesOf(elsewhere)).map((x) => x.outcome)).toEqual(['unknown']);
    const [, last] = await outcomesOf(superseded);
    expect(last!.outcome).toBe('unknown');
    expect((last!.after as { note: string }).note).toMatch(
      /^outcome unknown \(superseded by token\.disable by avery@contoso\.onmicrosoft\.com at /,
    );

    // Never twice: later reads, even simultaneous ones, add nothing.
    const count = (await h.audit.list({ limit: 500 })).records.length;
    await Promise.all([overview(), overview(reviewer), overview()]);
    const after = (await h.audit.list({ limit: 500 })).records;
    expect(after.length).toBe(count);
    expect(await h.audit.unresolvedIntents(`${(await overview()).registry.id}/`)).toEqual([]);
    expect((await h.audit.verifyChain()).ok).toBe(true);
    // Notes are names, states and dates: no secret was recorded.
    expect(JSON.stringify(after)).not.toContain(secret);
  }, 60_000);

  it('settles simultaneous first reads with exactly one definite outcome', async () => {
    const t = await tokenOf('line3-scanner');
    const id = await intent('token.disable', childId(r, 'tokens', 'line3-scanner'), summary(t));
    await markInterruptedChanges(h.audit, silent);
    await Promise.all([overview(), overview(reviewer), overview(), overview(reviewer)]);
    const records = await outcomesOf(id);
    expect(records.map((x) => x.outcome)).toEqual(['unknown', 'failed']);
    expect((await h.audit.verifyChain()).ok).toBe(true);
  }, 60_000);
});
