import { gatewayPermissions, repositoryPermissions } from '@latchkey/domain';
import { parseActions } from '../../../lib/scope-map-actions';

export interface ActionDiff {
  added: string[];
  removed: string[];
}

/** Set difference, case-insensitive as Azure compares actions. */
export function diffActions(before: readonly string[], after: readonly string[]): ActionDiff {
  const b = new Set(before.map((a) => a.toLowerCase()));
  const a = new Set(after.map((x) => x.toLowerCase()));
  return {
    added: [...a].filter((x) => !b.has(x)),
    removed: [...b].filter((x) => !a.has(x)),
  };
}

const verbs: Record<string, string> = {
  'content/read': 'pull',
  'content/write': 'push',
  'content/delete': 'delete',
  'metadata/read': 'metadata read',
  'metadata/write': 'metadata write',
  'config/read': 'config read',
  'config/write': 'config write',
  'message/read': 'message read',
  'message/write': 'message write',
};

const joinWords = (words: string[]) =>
  words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;

function group(actions: readonly string[]): Array<{ target: string; words: string[] }> {
  const parsed = parseActions(actions);
  const out: Array<{ target: string; words: string[] }> = [];
  for (const r of parsed.repositories) {
    out.push({
      target: r.target,
      words: repositoryPermissions.filter((p) => r.granted.has(p)).map((p) => verbs[p] ?? p),
    });
  }
  for (const g of parsed.gateways) {
    out.push({
      target: `connected registry ${g.target}`,
      words: gatewayPermissions.filter((p) => g.granted.has(p)).map((p) => verbs[p] ?? p),
    });
  }
  for (const o of parsed.other) out.push({ target: o, words: [] });
  return out;
}

/** "adds push to factory/line-agent", "removes delete from factory/*", one sentence per target. */
export function describeDiff(diff: ActionDiff): string[] {
  return [
    ...group(diff.added).map((g) =>
      g.words.length ? `adds ${joinWords(g.words)} to ${g.target}` : `adds ${g.target}`,
    ),
    ...group(diff.removed).map((g) =>
      g.words.length ? `removes ${joinWords(g.words)} from ${g.target}` : `removes ${g.target}`,
    ),
  ];
}

/** One row of the review: what a change adds to and removes from one target. */
export interface TargetChange {
  kind: 'repository' | 'gateway' | 'other';
  /** Repository name or pattern, connected registry name, or the raw action. */
  target: string;
  /** Permission words ("pull", "push", "delete"…), in the matrix's order. */
  added: string[];
  removed: string[];
}

function kindOf(target: string): TargetChange['kind'] {
  return target.startsWith('connected registry ') ? 'gateway' : 'other';
}

/**
 * The diff per repository (then per connected registry, then anything else),
 * one row per target with what is added and what is removed there.
 */
export function diffByTarget(diff: ActionDiff): TargetChange[] {
  const parsed = (actions: readonly string[]) => {
    const repos = new Set(parseActions(actions).repositories.map((r) => r.target));
    return { groups: group(actions), repos };
  };
  const added = parsed(diff.added);
  const removed = parsed(diff.removed);
  const rows = new Map<string, TargetChange>();
  const row = (target: string, isRepo: boolean) => {
    const key = `${isRepo ? 'r' : 'x'} ${target}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        kind: isRepo ? 'repository' : kindOf(target),
        target: target.replace(/^connected registry /, ''),
        added: [],
        removed: [],
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const g of added.groups) {
    const r = row(g.target, added.repos.has(g.target));
    r.added.push(...(g.words.length ? g.words : [g.target]));
  }
  for (const g of removed.groups) {
    const r = row(g.target, removed.repos.has(g.target));
    r.removed.push(...(g.words.length ? g.words : [g.target]));
  }
  const order = { repository: 0, gateway: 1, other: 2 };
  return [...rows.values()].sort(
    (x, y) => order[x.kind] - order[y.kind] || x.target.localeCompare(y.target),
  );
}
