/**
 * The per-registry limits of 20,000 tokens and 20,000 scope maps, reached by
 * seeding a saved state (creating 20,000 resources through the API would take
 * minutes) and then crossing them through the SDK.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../scenario/contoso';
import {
  POLL,
  REG,
  RG,
  scopeMapId,
  sdk,
  startLocalArm,
  staticCredential,
  type LocalArm,
} from '../../test/contract/stack';
import type { SerializedState } from './state';

describe('registry limits', () => {
  let arm: LocalArm;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-limits-'));
    const seed = await startLocalArm({ scenario: 'empty', dataDir });
    await seed.close();
    const file = join(dataDir, 'arm', 'state.json');
    const state = JSON.parse(readFileSync(file, 'utf8')) as SerializedState;
    const reg = state.registries[0];
    if (!reg) throw new Error('no registry in the empty scenario');
    const at = '2026-01-01T00:00:00.000Z';
    const systemData = { createdAt: at, lastModifiedAt: at };
    for (let i = 0; i < 20_000; i += 1) {
      reg.tokens.push({
        name: `seed-token-${i}`,
        status: 'enabled',
        passwords: [],
        systemData,
        provisioningState: 'Succeeded',
      });
      reg.scopeMaps.push({
        name: `seed-map-${i}`,
        actions: ['repositories/a/content/read'],
        systemData,
        provisioningState: 'Succeeded',
      });
    }
    writeFileSync(file, JSON.stringify(state));
    arm = await startLocalArm({ scenario: 'empty', dataDir });
  }, 60_000);
  afterAll(async () => {
    await arm?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the 20,001st token and scope map, but still replaces existing ones', async () => {
    const token = await arm.sign({
      oid: DEMO_PERSONAS.avery.oid,
      upn: DEMO_PERSONAS.avery.username,
      scp: 'x',
    });
    const client = sdk(arm, staticCredential(token));
    await expect(client.tokens.create(RG, REG, 'one-too-many', {}, POLL)).rejects.toMatchObject({
      statusCode: 400,
      code: 'QuotaExceeded',
    });
    await expect(
      client.scopeMaps.create(
        RG,
        REG,
        'one-too-many',
        { actions: ['repositories/a/content/read'] },
        POLL,
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'QuotaExceeded' });
    const replaced = await client.tokens.create(
      RG,
      REG,
      'seed-token-7',
      { scopeMapId: scopeMapId('seed-map-7') },
      POLL,
    );
    expect(replaced.scopeMapId).toBe(scopeMapId('seed-map-7'));
    await client.tokens.delete(RG, REG, 'seed-token-8', POLL);
    expect((await client.tokens.create(RG, REG, 'now-it-fits', {}, POLL)).name).toBe('now-it-fits');
  });
});
