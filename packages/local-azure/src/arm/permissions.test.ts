/**
 * Microsoft.Authorization permissions of the caller, from the scenario's role
 * assignments: one entry per assignment at or above the scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DEV_REGISTRY,
  DEMO_PERSONAS,
  DEMO_REGISTRY,
  registryArmId,
} from '../scenario/contoso';
import { startLocalArm, type LocalArm } from '../../test/contract/stack';
import { call } from '../../test/helpers/arm-call';

const V = 'api-version=2022-04-01';
const PERMS = 'providers/Microsoft.Authorization/permissions';
type Persona = keyof typeof DEMO_PERSONAS;
interface Entry {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

describe('Microsoft.Authorization permissions', () => {
  let arm: LocalArm;
  const tokens = new Map<Persona, string>();
  const get = async (who: Persona, path: string) => {
    const token = tokens.get(who)!;
    return call(`${arm.armEndpoint}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      ca: arm.caPem,
    });
  };

  beforeAll(async () => {
    arm = await startLocalArm({ scenario: 'demo' });
    for (const who of Object.keys(DEMO_PERSONAS) as Persona[]) {
      const p = DEMO_PERSONAS[who];
      tokens.set(who, await arm.sign({ oid: p.oid, upn: p.username, scp: 'user_impersonation' }));
    }
  });
  afterAll(async () => arm?.close());

  const prod = registryArmId(DEMO_REGISTRY);
  const dev = registryArmId(DEMO_DEV_REGISTRY);

  it('lists Morgan as Reader on contosoregistry and Contributor on contosodev', async () => {
    const onProd = await get('morgan', `${prod}/${PERMS}?${V}`);
    expect(onProd.status).toBe(200);
    expect(onProd.json.value).toEqual([
      { actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] },
    ]);
    const onDev = await get('morgan', `${dev}/${PERMS}?${V}`);
    const entries = onDev.json.value as Entry[];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actions).toEqual(['*']);
    expect(entries[0]!.notActions).toContain('Microsoft.Authorization/*/Write');
  });

  it("keeps a custom role's NotActions in its own entry", async () => {
    const r = await get('sasha', `${prod}/${PERMS}?${V}`);
    expect(r.json.value).toEqual([
      {
        actions: ['*/read'],
        notActions: ['Microsoft.ContainerRegistry/registries/tokens/read'],
        dataActions: [],
        notDataActions: [],
      },
    ]);
  });

  it('answers at resource-group scope too', async () => {
    const rg = `/subscriptions/${DEMO_REGISTRY.subscriptionId}/resourceGroups/${DEMO_REGISTRY.resourceGroup}`;
    const avery = await get('avery', `${rg}/${PERMS}?${V}`);
    expect((avery.json.value as Entry[]).map((e) => e.actions)).toEqual([['*']]);
    // Morgan's Reader is on the registry, below the resource group: nothing applies there.
    const morgan = await get('morgan', `${rg}/${PERMS}?${V}`);
    expect(morgan.status).toBe(403);
  });

  it('refuses a caller with no assignment at the scope, before saying whether it exists', async () => {
    const r = await get('nico', `${dev}/${PERMS}?${V}`);
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('AuthorizationFailed');
    expect(r.json.error?.message).toContain('Microsoft.Authorization/permissions/read');
    const missing = await get(
      'avery',
      `${dev.replace('contosodev', 'nosuchregistry')}/${PERMS}?${V}`,
    );
    expect(missing.status).toBe(404);
  });

  it('needs an api-version', async () => {
    const r = await get('avery', `${prod}/${PERMS}`);
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe('MissingApiVersionParameter');
  });
});
