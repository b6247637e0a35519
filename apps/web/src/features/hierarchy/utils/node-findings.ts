import {
  severities,
  sortFindings,
  type Finding,
  type RegistryOverview,
  type Severity,
} from '@latchkey/domain';
import { plural } from '../../../lib/format';

export interface NodeFindings {
  findings: Finding[];
  /** The most severe of them; undefined when there are none. */
  highest: Severity | undefined;
}

const rank = (s: Severity) => severities.indexOf(s);

/** Findings in sortFindings order, by where they count: on a connected registry, or on a token. */
export interface FindingBuckets {
  /** By lower-cased connected-registry name: its own findings and those scoped to it. */
  byRegistry: ReadonlyMap<string, Finding[]>;
  /** By lower-cased token name: the token's findings that name no connected registry. */
  byToken: ReadonlyMap<string, Finding[]>;
}

const k = (s: string) => s.toLowerCase();

/** Puts sorted findings in their buckets, keeping their order. */
export function bucketFindings(sorted: readonly Finding[]): FindingBuckets {
  const byToken = new Map<string, Finding[]>();
  const byRegistry = new Map<string, Finding[]>();
  const push = (m: Map<string, Finding[]>, key: string, f: Finding) => {
    const list = m.get(key);
    if (list) list.push(f);
    else m.set(key, [f]);
  };
  for (const f of sorted) {
    if (f.target.connectedRegistry) push(byRegistry, k(f.target.connectedRegistry), f);
    else if (f.target.kind === 'connected-registry') push(byRegistry, k(f.target.name), f);
    else if (f.target.kind === 'token') push(byToken, k(f.target.name), f);
  }
  return { byToken, byRegistry };
}

const noBuckets: FindingBuckets = { byToken: new Map(), byRegistry: new Map() };

/**
 * One bucket of the sorted union of two sorted parts. sortFindings is a stable
 * sort, so sorting the two buckets joined puts them exactly where sorting the
 * whole union would, at the cost of this bucket only.
 */
function joined(a: Finding[] | undefined, b: Finding[] | undefined): Finding[] {
  if (!b?.length) return a ?? [];
  if (!a?.length) return b;
  return sortFindings([...a, ...b]);
}

/**
 * The findings that concern each connected registry, by lower-cased name: its
 * own (offline, a child syncing what its parent does not), those of its sync
 * token, those scoped to it (a client token's grant that has no effect there),
 * and those of the client tokens it accepts (a client's expired password is
 * that registry's problem too). A finding can therefore count on several nodes.
 */
export function findingsByConnectedRegistry(
  overview: RegistryOverview,
  findings: readonly Finding[],
): Map<string, NodeFindings> {
  return nodeFindingsOf(overview, bucketFindings(findings), noBuckets);
}

/** What a call of nodeFindingsOf worked from, and its answer. */
export interface NodeFindingsRun {
  overview: RegistryOverview;
  stable: FindingBuckets;
  moving: FindingBuckets;
  result: Map<string, NodeFindings>;
}

const sameFinding = (a: Finding, b: Finding) => a === b || JSON.stringify(a) === JSON.stringify(b);
const sameList = (a: readonly Finding[] | undefined, b: readonly Finding[] | undefined) =>
  a === b ||
  ((a?.length ?? 0) === (b?.length ?? 0) && (a ?? []).every((f, i) => sameFinding(f, b![i]!)));

/**
 * findingsByConnectedRegistry over the sorted union of two parts given in
 * buckets: on the hierarchy, the tokens' and scope maps' findings (thousands,
 * bucketed once per configuration) and the connected registries' own (a few
 * hundred, recomputed when a poll moves runtime state), so a poll sorts and
 * buckets only the latter. Listed before `moving`, `stable` comes first among equals.
 * With the previous run: a node whose buckets hold equal findings keeps its
 * NodeFindings object (a heartbeat changes no finding, so its row need not redraw).
 */
export function nodeFindingsOf(
  overview: RegistryOverview,
  stable: FindingBuckets,
  moving: FindingBuckets,
  previous?: NodeFindingsRun,
): Map<string, NodeFindings> {
  const bucket = (m: keyof FindingBuckets, key: string) =>
    joined(stable[m].get(key), moving[m].get(key));
  const before =
    previous?.stable === stable
      ? new Map(previous.overview.connectedRegistries.map((c) => [k(c.name), c]))
      : undefined;
  const out = new Map<string, NodeFindings>();
  for (const cr of overview.connectedRegistries) {
    const tokens = [cr.syncTokenName, ...cr.clientTokenNames].filter((n): n is string => !!n);
    const was = before?.get(k(cr.name));
    const kept = previous?.result.get(k(cr.name));
    if (
      was &&
      kept &&
      was.syncTokenName === cr.syncTokenName &&
      was.clientTokenNames.join('\n') === cr.clientTokenNames.join('\n') &&
      sameList(previous!.moving.byRegistry.get(k(cr.name)), moving.byRegistry.get(k(cr.name))) &&
      tokens.every((t) => sameList(previous!.moving.byToken.get(k(t)), moving.byToken.get(k(t))))
    ) {
      out.set(k(cr.name), kept);
      continue;
    }
    const mine = [
      ...bucket('byRegistry', k(cr.name)),
      ...tokens.flatMap((t) => bucket('byToken', k(t))),
    ];
    const unique = [...new Map(mine.map((f) => [f.key, f])).values()].sort(
      (a, b) => rank(a.severity) - rank(b.severity),
    );
    out.set(k(cr.name), { findings: unique, highest: unique[0]?.severity });
  }
  return out;
}

/** nodeFindingsOf handed its own previous run each time (one per page that shows a tree). */
export function rememberingNodeFindings(): (
  overview: RegistryOverview,
  stable: FindingBuckets,
  moving: FindingBuckets,
) => Map<string, NodeFindings> {
  let last: NodeFindingsRun | undefined;
  return (overview, stable, moving) => {
    const result = nodeFindingsOf(overview, stable, moving, last);
    last = { overview, stable, moving, result };
    return result;
  };
}

/** "3 findings, the most severe high" */
export function describeNodeFindings(n: NodeFindings): string {
  if (n.findings.length === 0) return 'No findings';
  const count = plural(n.findings.length, 'finding');
  return `${count}, the most severe ${n.highest}`;
}
