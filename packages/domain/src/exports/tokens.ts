import { z } from 'zod/mini';
import { tokenKindSchema, type RegistryOverview, type TokenView } from '../dto';
import { indexOverview } from '../overview-index';
import { passwordState, passwordSlots, type PasswordState } from '../passwords';
import { describeKind } from '../token-kind';
import { exportStampSchema, cellList } from './common';

// ---------------------------------------------------------------- token inventory

/** Password states as the tokens grid's badges name them (see passwordState). */
export const passwordStates = [
  'missing',
  'expired',
  'expiring-7',
  'expiring-30',
  'no-expiry',
  'valid',
] as const satisfies readonly PasswordState[];

export const tokenColumns = [
  'name',
  'kind',
  'kindDescription',
  'status',
  'scopeMap',
  'scopeMapType',
  'creationDate',
  'password1State',
  'password1Created',
  'password1Expiry',
  'password2State',
  'password2Created',
  'password2Expiry',
  'syncTokenOf',
  'acceptedBy',
] as const;
export type TokenRow = Record<(typeof tokenColumns)[number], string>;

const tokenEntrySchema = z.object({
  name: z.string(),
  kind: tokenKindSchema,
  status: z.enum(['enabled', 'disabled']),
  scopeMap: z.nullable(z.string()),
  scopeMapType: z.nullable(z.enum(['UserDefined', 'SystemDefined'])),
  creationDate: z.nullable(z.string()),
  passwords: z.array(
    z.object({
      slot: z.enum(passwordSlots),
      state: z.enum(passwordStates),
      creationTime: z.nullable(z.string()),
      expiry: z.nullable(z.string()),
    }),
  ),
  /** Connected registries that accept it: as a client token, or as the sync token of a child. */
  acceptedBy: z.array(z.string()),
});
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

export const tokensExportSchema = z.object({
  stamp: exportStampSchema,
  tokens: z.array(tokenEntrySchema),
});
export type TokensExport = z.infer<typeof tokensExportSchema>;

/** The inventory, by token name, with each password slot's state at `now`. */
export function tokenEntries(overview: RegistryOverview, now: number): TokenEntry[] {
  const idx = indexOverview(overview);
  return [...overview.tokens]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t: TokenView) => {
      const map = idx.scopeMapOf(t);
      return {
        name: t.name,
        kind: t.kind,
        status: t.status,
        scopeMap: t.scopeMapName,
        scopeMapType: map?.type ?? null,
        creationDate: t.creationDate ?? null,
        passwords: t.passwords.map((p) => ({
          slot: p.name,
          state: passwordState(p, now),
          creationTime: p.creationTime ?? null,
          expiry: p.expiry ?? null,
        })),
        acceptedBy: [...new Set(idx.acceptedBy(t.name).map((a) => a.connectedRegistry))],
      };
    });
}

export function tokenRows(entries: readonly TokenEntry[]): TokenRow[] {
  return entries.map((t) => {
    const slot = (n: 'password1' | 'password2') => t.passwords.find((p) => p.slot === n);
    const p1 = slot('password1');
    const p2 = slot('password2');
    return {
      name: t.name,
      kind: t.kind.type,
      kindDescription: describeKind(t.kind),
      status: t.status,
      scopeMap: t.scopeMap ?? '',
      scopeMapType: t.scopeMapType ?? '',
      creationDate: t.creationDate ?? '',
      password1State: p1?.state ?? 'missing',
      password1Created: p1?.creationTime ?? '',
      password1Expiry: p1?.expiry ?? '',
      password2State: p2?.state ?? 'missing',
      password2Created: p2?.creationTime ?? '',
      password2Expiry: p2?.expiry ?? '',
      syncTokenOf: t.kind.type === 'sync' ? t.kind.connectedRegistry : '',
      acceptedBy: cellList(t.acceptedBy),
    };
  });
}
