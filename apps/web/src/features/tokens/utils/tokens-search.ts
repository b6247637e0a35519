import { findingIds, type FindingId, type PasswordState, type TokenView } from '@latchkey/domain';

/** The tokens grid's state, all of it in the URL so a view can be linked to. */
export interface TokensSearch {
  q?: string;
  kind?: TokenView['kind']['type'];
  status?: TokenView['status'];
  password?: PasswordState;
  /** Only the tokens a finding of this type targets (a findings group links here). */
  finding?: FindingId;
  sort?: TokenSortColumn;
  dir?: 'asc' | 'desc';
}

export const tokenSortColumns = [
  'name',
  'kind',
  'status',
  'scopeMap',
  'password1',
  'password2',
  'clientOf',
] as const;
export type TokenSortColumn = (typeof tokenSortColumns)[number];

export const passwordFilterStates: readonly PasswordState[] = [
  'expired',
  'expiring-7',
  'expiring-30',
  'no-expiry',
  'valid',
  'missing',
];

const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** Unknown or malformed parameters are dropped rather than failing the page: old links keep working. */
export function validateTokensSearch(raw: Record<string, unknown>): TokensSearch {
  const out: TokensSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim() !== '') out.q = raw.q.slice(0, 200);
  const kind = oneOf(['sync', 'client', 'unattached'] as const, raw.kind);
  if (kind) out.kind = kind;
  const status = oneOf(['enabled', 'disabled'] as const, raw.status);
  if (status) out.status = status;
  const password = oneOf(passwordFilterStates, raw.password);
  if (password) out.password = password;
  const finding = oneOf(findingIds, raw.finding);
  if (finding) out.finding = finding;
  const sort = oneOf(tokenSortColumns, raw.sort);
  if (sort) out.sort = sort;
  const dir = oneOf(['asc', 'desc'] as const, raw.dir);
  if (dir) out.dir = dir;
  return out;
}

export const tokenDetailActions = [
  'generate-password',
  'revoke-password',
  'set-status',
  'delete',
] as const;
export type TokenDetailAction = (typeof tokenDetailActions)[number];

/**
 * The token page's search: `action` opens that action's dialog once (a
 * finding's fix link lands on it); `slot` picks the slot for revoke-password.
 */
export interface TokenDetailSearch {
  action?: TokenDetailAction;
  slot?: 'password1' | 'password2';
}

export function validateTokenDetailSearch(raw: Record<string, unknown>): TokenDetailSearch {
  const out: TokenDetailSearch = {};
  const action = oneOf(tokenDetailActions, raw.action);
  if (action) out.action = action;
  const slot = oneOf(['password1', 'password2'] as const, raw.slot);
  if (slot) out.slot = slot;
  return out;
}
