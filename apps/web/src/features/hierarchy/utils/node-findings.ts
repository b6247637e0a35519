import { severities, type Finding, type RegistryOverview, type Severity } from '@latchkey/domain';
import { plural } from '../../../lib/format';

export interface NodeFindings {
  findings: Finding[];
  /** The most severe of them; undefined when there are none. */
  highest: Severity | undefined;
}

const rank = (s: Severity) => severities.indexOf(s);

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
  const k = (s: string) => s.toLowerCase();
  const byToken = new Map<string, Finding[]>();
  const byRegistry = new Map<string, Finding[]>();
  const push = (m: Map<string, Finding[]>, key: string, f: Finding) => {
    const list = m.get(key);
    if (list) list.push(f);
    else m.set(key, [f]);
  };
  for (const f of findings) {
    if (f.target.connectedRegistry) push(byRegistry, k(f.target.connectedRegistry), f);
    else if (f.target.kind === 'connected-registry') push(byRegistry, k(f.target.name), f);
    else if (f.target.kind === 'token') push(byToken, k(f.target.name), f);
  }
  const out = new Map<string, NodeFindings>();
  for (const cr of overview.connectedRegistries) {
    const tokens = [cr.syncTokenName, ...cr.clientTokenNames].filter((n): n is string => !!n);
    const mine = [
      ...(byRegistry.get(k(cr.name)) ?? []),
      ...tokens.flatMap((t) => byToken.get(k(t)) ?? []),
    ];
    const unique = [...new Map(mine.map((f) => [f.key, f])).values()].sort(
      (a, b) => rank(a.severity) - rank(b.severity),
    );
    out.set(k(cr.name), { findings: unique, highest: unique[0]?.severity });
  }
  return out;
}

/** "3 findings, the most severe high" */
export function describeNodeFindings(n: NodeFindings): string {
  if (n.findings.length === 0) return 'No findings';
  const count = plural(n.findings.length, 'finding');
  return `${count}, the most severe ${n.highest}`;
}
