import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  isActionPermitted,
  registryCapabilities,
  registryOperationActions,
  registryOperations,
  type ArmPermission,
} from './azure-permissions';

// Independent model, written from the Azure RBAC documentation ("Understand
// Azure role definitions"), as sets over a finite universe of action strings.
// It shares no code with the engine: no regular expressions, no `some`
// short-cuts over patterns.
//
// 1. "`*` — The wildcard character grants access to all actions that match
//    the string." Examples the page gives: `*/read` "grants access to read
//    actions for all resource types of all Azure resource providers",
//    `Microsoft.Compute/*` "all actions for all resource types in the
//    Microsoft.Compute resource provider", `Microsoft.Network/*/read`.
// 2. "The access granted by a role (effective permissions) is computed by
//    subtracting the NotActions actions from the Actions actions."
//    `Actions - NotActions = Effective control plane permissions`
// 3. "If a user is assigned a role that excludes an action in NotActions, and
//    is assigned a second role that grants access to the same action, the user
//    is allowed to perform that action. NotActions is not a deny rule."
//    So a person's permissions are the union of each assignment's
//    (Actions − NotActions), never (∪ Actions) − (∪ NotActions).
// 4. The page writes the same action in different cases
//    (`microsoft.web/sites/restart/Action`, Contributor's
//    `Microsoft.Authorization/*/Delete` against `.../roleAssignments/delete`):
//    action strings compare without regard to case.
function modelMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const t = action.toLowerCase();
  // Sentence 1: a star matches any run of characters, possibly empty.
  const at = (i: number, j: number): boolean => {
    if (i === p.length) return j === t.length;
    if (p[i] === '*') {
      for (let k = j; k <= t.length; k += 1) if (at(i + 1, k)) return true;
      return false;
    }
    return j < t.length && p[i] === t[j] && at(i + 1, j + 1);
  };
  return at(0, 0);
}

function modelEffective(permissions: readonly ArmPermission[], universe: readonly string[]) {
  const allowed = new Set<string>();
  for (const entry of permissions) {
    // Sentence 2, per entry: Actions − NotActions.
    const granted = universe.filter((a) => entry.actions.filter((p) => modelMatches(p, a)).length);
    const excluded = new Set(
      universe.filter((a) => entry.notActions.filter((p) => modelMatches(p, a)).length),
    );
    // Sentence 3: union over entries.
    for (const a of granted) if (!excluded.has(a)) allowed.add(a);
  }
  return allowed;
}

const SEGMENTS = [
  'Microsoft.ContainerRegistry',
  'microsoft.containerregistry',
  'MicrosoftXContainerRegistry',
  'Microsoft.Authorization',
  'registries',
  'tokens',
  'scopeMaps',
  'connectedRegistries',
  'write',
  'Write',
  'read',
  'delete',
  'action',
  'deactivate',
];
const actionArb = fc
  .array(fc.constantFrom(...SEGMENTS), { minLength: 2, maxLength: 5 })
  .map((s) => s.join('/'));
const patternSegment = fc.oneof(
  fc.constantFrom(...SEGMENTS),
  fc.constant('*'),
  fc.constantFrom(...SEGMENTS).map((s) => `${s.slice(0, 3)}*`),
  fc.constantFrom(...SEGMENTS).map((s) => `*${s.slice(-3)}`),
);
const patternArb = fc.oneof(
  fc.constant('*'),
  fc.array(patternSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
  actionArb,
);
const entryArb = fc.record({
  actions: fc.array(patternArb, { maxLength: 3 }),
  notActions: fc.array(patternArb, { maxLength: 3 }),
});
const ACR_ACTIONS = Object.values(registryOperationActions);

describe('Azure permissions: engine against the documentation model', () => {
  it('agrees with the model on every action of generated permission sets', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 3 }),
        fc.array(actionArb, { minLength: 1, maxLength: 8 }),
        (permissions, actions) => {
          const universe = [...new Set([...actions, ...ACR_ACTIONS])];
          const model = modelEffective(permissions, universe);
          for (const a of universe) expect(isActionPermitted(permissions, a)).toBe(model.has(a));
        },
      ),
      { numRuns: 400, seed: 1313 },
    );
  });

  it('agrees with the model on single patterns', () => {
    fc.assert(
      fc.property(patternArb, actionArb, (pattern, action) => {
        expect(actionMatches(pattern, action)).toBe(modelMatches(pattern, action));
      }),
      { numRuns: 1000, seed: 42 },
    );
  });

  it('judges each registry operation as the model does', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 3 }), (permissions) => {
        const caps = registryCapabilities(permissions, 'contosoregistry');
        const model = modelEffective(permissions, ACR_ACTIONS);
        for (const op of registryOperations) {
          expect(caps[op].allowed).toBe(model.has(registryOperationActions[op]));
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

// The built-in roles as Azure publishes them.
const READER: ArmPermission = { actions: ['*/read'], notActions: [] };
const CONTRIBUTOR: ArmPermission = {
  actions: ['*'],
  notActions: [
    'Microsoft.Authorization/*/Delete',
    'Microsoft.Authorization/*/Write',
    'Microsoft.Authorization/elevateAccess/Action',
  ],
};

describe('Azure permissions: the documented examples', () => {
  it('Reader grants reads only and names the role and action it lacks', () => {
    const caps = registryCapabilities([READER], 'contosoregistry');
    expect(caps['scopeMaps.write']).toEqual({
      allowed: false,
      reason:
        'Needs Contributor (Microsoft.ContainerRegistry/registries/scopeMaps/write) on contosoregistry.',
    });
    expect(Object.values(caps).every((c) => !c.allowed)).toBe(true);
    expect(isActionPermitted([READER], 'Microsoft.ContainerRegistry/registries/tokens/read')).toBe(
      true,
    );
  });

  it('Contributor grants every registry change; its NotActions only touch Microsoft.Authorization', () => {
    const caps = registryCapabilities([CONTRIBUTOR], 'contosodev');
    expect(Object.values(caps).every((c) => c.allowed && c.reason === undefined)).toBe(true);
    expect(isActionPermitted([CONTRIBUTOR], 'microsoft.authorization/roleAssignments/write')).toBe(
      false,
    );
  });

  it('a NotAction of one assignment does not remove what another grants', () => {
    const noTokens: ArmPermission = {
      actions: ['Microsoft.ContainerRegistry/*'],
      notActions: ['Microsoft.ContainerRegistry/registries/tokens/*'],
    };
    const write = 'Microsoft.ContainerRegistry/registries/tokens/write';
    expect(isActionPermitted([noTokens], write)).toBe(false);
    expect(isActionPermitted([noTokens, CONTRIBUTOR], write)).toBe(true);
    expect(
      isActionPermitted([noTokens], 'Microsoft.ContainerRegistry/registries/scopeMaps/write'),
    ).toBe(true);
  });

  it('no permission entry grants nothing; dots are literal', () => {
    expect(registryCapabilities([], 'r')['tokens.write'].allowed).toBe(false);
    expect(actionMatches('Microsoft.ContainerRegistry/*', 'MicrosoftXContainerRegistry/a')).toBe(
      false,
    );
  });
});
