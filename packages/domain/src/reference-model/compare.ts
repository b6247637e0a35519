import type { RegistryOverview } from '../dto';
import {
  acceptedAt,
  accessMatrix,
  accessOnConnectedRegistry,
  describeAcceptance,
  effectiveAccessEntries,
  gatewayAccessOnConnectedRegistry,
  indexOverview,
  tokenAccess,
  tokenEntries,
  tokenGatewayAccess,
  whoCanAccess,
  whoCanAccessGateway,
  type Acceptance,
  type PermissionGrant,
  type RemovedGrant,
} from '../index';
import { AccessModel, CLOUD, type ModelAcceptance, type ModelTarget } from './access-model';

/**
 * TEST-ONLY: the engine against the reference model, cell by cell (place ×
 * token × target × permission, gateways included) and view by view
 * (acceptance, inventory, who-can-access, matrix, effective-access export).
 * Returns one line per disagreement; the tests expect none.
 */

/**
 * The order in which the console names the reason a grant does not work
 * (README, access review): acceptance, then the place, then the token, then
 * content rules. The model lists every rule that applies; the engine must
 * give the first of them in this order.
 */
const REASON_ORDER = [
  'not-accepted',
  'registry-disabled',
  'token-disabled',
  'not-synced-upstream',
  'not-synced',
  'read-only-mode',
];

const acceptanceKey = (a: Acceptance): ModelAcceptance =>
  a.type === 'child-sync-token' ? `child-sync-token:${a.child}` : a.type;

export interface Targets {
  repositories: string[];
  gateways: string[];
}

type Answer = { granted: PermissionGrant<string>[]; removed: RemovedGrant<string>[] };

export function compareWithModel(overview: RegistryOverview, targets: Targets): string[] {
  const model = new AccessModel(overview);
  const idx = indexOverview(overview);
  const out: string[] = [];
  const all: ModelTarget[] = [
    ...targets.repositories.map((name) => ({ kind: 'repository' as const, name })),
    ...targets.gateways.map((name) => ({ kind: 'gateway' as const, name })),
  ];
  const placeName = (p: string) => (p === CLOUD ? undefined : p);
  const label = (p: string, t: string, target: ModelTarget) =>
    `${p} ${t} ${target.kind === 'gateway' ? `gateway/${target.name}` : target.name}`;

  /** Model's effective permissions at a place for one target. */
  const effective = (p: string, t: string, target: ModelTarget) =>
    model.permissionsFor(target).filter((perm) => {
      const c = model.cell(p, t, target, perm);
      return c.mapGrants && c.reasons.length === 0;
    });
  const granting = (p: string, t: string, target: ModelTarget) =>
    model.permissionsFor(target).filter((perm) => model.cell(p, t, target, perm).mapGrants);

  const checkAnswer = (where: string, p: string, t: string, target: ModelTarget, a: Answer) => {
    for (const perm of model.permissionsFor(target)) {
      const c = model.cell(p, t, target, perm);
      const g = a.granted.some((x) => x.permission === perm);
      const r = a.removed.find((x) => x.permission === perm);
      const want = !c.mapGrants ? 'absent' : c.reasons.length === 0 ? 'granted' : 'removed';
      const got = g ? 'granted' : r ? 'removed' : 'absent';
      if (want !== got) {
        out.push(`${where} ${perm}: model ${want} (${c.reasons.join(',')}), engine ${got}`);
      } else if (r) {
        const first = REASON_ORDER.find((x) => c.reasons.includes(x));
        if (r.reason !== first) out.push(`${where} ${perm}: reason ${r.reason}, model ${first}`);
        if (!r.explanation) out.push(`${where} ${perm}: removed without an explanation`);
      }
    }
  };

  for (const p of model.places()) {
    const cr = p === CLOUD ? undefined : idx.connectedRegistry(p);
    const ctx = cr ? idx.context(cr) : undefined;

    // 1. Cell by cell, every token of the registry (accepted or not).
    for (const t of overview.tokens) {
      const map = idx.scopeMapOf(t);
      for (const target of all) {
        const a: Answer =
          target.kind === 'repository'
            ? ctx
              ? accessOnConnectedRegistry(ctx, t, map, target.name)
              : tokenAccess(t, map, target.name)
            : ctx
              ? gatewayAccessOnConnectedRegistry(ctx, t, map, target.name)
              : tokenGatewayAccess(t, map, target.name);
        checkAnswer(`cell ${label(p, t.name, target)}`, p, t.name, target, a);
      }
    }

    // 2. Who the place accepts, and as what.
    const engineAccepted = new Map(
      acceptedAt(overview, placeName(p)).map((a) => [
        a.token.name,
        a.acceptedAs.map(acceptanceKey).sort().join(' '),
      ]),
    );
    for (const t of overview.tokens) {
      const want = model.acceptance(p, t.name).sort().join(' ');
      const got = engineAccepted.get(t.name) ?? '';
      if (want !== got) out.push(`acceptedAt ${p} ${t.name}: model [${want}], engine [${got}]`);
    }

    // 3. Who can access each target there: the accepted tokens whose map names it.
    for (const target of all) {
      const answer =
        target.kind === 'repository'
          ? whoCanAccess(overview, target.name, placeName(p)).tokens
          : whoCanAccessGateway(overview, target.name, placeName(p)).tokens;
      const want = overview.tokens
        .filter((t) => model.acceptance(p, t.name).length > 0)
        .filter((t) => granting(p, t.name, target).length > 0)
        .map((t) => t.name)
        .sort();
      const got = answer.map((r) => r.token).sort();
      if (want.join() !== got.join())
        out.push(`who ${label(p, '*', target)}: model [${want}], engine [${got}]`);
      for (const row of answer)
        checkAnswer(`who ${label(p, row.token, target)}`, p, row.token, target, row);
    }

    // 4. The matrix: rows are the accepted tokens, cells what works there.
    const m = accessMatrix(overview, {
      repositories: targets.repositories,
      gateways: targets.gateways,
      ...(cr ? { connectedRegistry: cr.name } : {}),
    });
    const rowNames = m.rows.map((r) => r.token).sort();
    const wantRows = [...engineAccepted.keys()].sort();
    if (rowNames.join() !== wantRows.join())
      out.push(`matrix ${p} rows: [${rowNames}] vs accepted [${wantRows}]`);
    for (const row of m.rows) {
      targets.repositories.forEach((name, i) => {
        const want = effective(p, row.token, { kind: 'repository', name }).sort().join(' ');
        const got = [...(row.cells[i] ?? [])].sort().join(' ');
        if (want !== got)
          out.push(`matrix ${p} ${row.token} ${name}: model [${want}], engine [${got}]`);
      });
      targets.gateways.forEach((name, i) => {
        const want = effective(p, row.token, { kind: 'gateway', name }).sort().join(' ');
        const got = [...(row.gatewayCells[i] ?? [])].sort().join(' ');
        if (want !== got)
          out.push(`matrix ${p} ${row.token} gateway/${name}: model [${want}], engine [${got}]`);
      });
    }
  }

  // 5. The inventory's "accepted by".
  for (const e of tokenEntries(overview, Date.now())) {
    const want = model.acceptedBy(e.name).join(' ');
    if (e.acceptedBy.join(' ') !== want)
      out.push(`acceptedBy ${e.name}: model [${want}], engine [${e.acceptedBy.join(' ')}]`);
  }

  // 6. The effective-access export, on the exact repository names and gateways it lists.
  const { entries, repositories, gateways } = effectiveAccessEntries(overview);
  const exact = repositories.filter((r) => !r.includes('*'));
  const seen = new Set<string>();
  for (const e of entries) {
    const p = e.placeKind === 'cloud' ? CLOUD : e.place;
    const target: ModelTarget =
      e.targetKind === 'gateway'
        ? { kind: 'gateway', name: e.gateway ?? '' }
        : { kind: 'repository', name: e.repository ?? '' };
    if (target.kind === 'repository' && target.name.includes('*')) continue;
    seen.add(label(p, e.token, target));
    checkAnswer(`export ${label(p, e.token, target)}`, p, e.token, target, e);
    const accepted = model.acceptance(p, e.token).sort().join(' ');
    const got = e.acceptedAs
      .map((a) => acceptanceKey(a))
      .sort()
      .join(' ');
    if (accepted !== got)
      out.push(`export ${label(p, e.token, target)} acceptedAs [${got}] vs [${accepted}]`);
    if (e.acceptedAs.some((a) => !describeAcceptance(a)))
      out.push(`export ${e.token}: unnamed acceptance`);
  }
  for (const p of model.places()) {
    for (const t of overview.tokens) {
      if (model.acceptance(p, t.name).length === 0) continue;
      const wanted: ModelTarget[] = [
        ...exact.map((name) => ({ kind: 'repository' as const, name })),
        ...gateways.map((name) => ({ kind: 'gateway' as const, name })),
      ];
      for (const target of wanted) {
        if (granting(p, t.name, target).length > 0 && !seen.has(label(p, t.name, target)))
          out.push(`export misses ${label(p, t.name, target)}`);
      }
    }
  }
  return out;
}
