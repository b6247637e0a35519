import {
  tokenKinds,
  type ConnectedRegistryView,
  type PasswordSlotName,
  type RegistryPath,
  type RevealedCredentials,
  type TokenView,
  childId,
} from '@latchkey/domain';
import type { TokenRecord } from '../../arm/mappers';
import type { RegistryWriter } from '../../arm/writer';
import { AppError } from '../../http/errors';
import { ChangeDiscipline, type LockedChange } from '../shared/change-discipline';
import { auditSlots, type AdminChangeDeps } from '../shared/admin-deps';

const DAY = 24 * 3600_000;
export const DEFAULT_PASSWORD_DAYS = 90;
const PROPAGATION_SECONDS = 60;

export const same = (a: string | null | undefined, b: string) =>
  !!a && a.toLowerCase() === b.toLowerCase();

/** What the audit log keeps of a token: names, status and dates, never a password value. */
export function summary(t: TokenRecord) {
  return {
    status: t.status,
    scopeMap: t.scopeMapName,
    passwords: auditSlots(t),
  };
}

export interface TokenAdminDeps extends AdminChangeDeps {
  writer: RegistryWriter;
  /**
   * The connected registries (whose sync and client tokens decide a token's
   * kind); default: read from ARM for each change. A bulk action shares one
   * read, at most a few seconds old, between its items.
   */
  connectedRegistries?: (ref: RegistryPath) => Promise<ConnectedRegistryView[]>;
}

/**
 * A bulk action's test on the token's current state, run inside its lock:
 * a reason when the token no longer qualifies (it changed since the preview).
 */
export type Precondition = (token: TokenView) => string | undefined;

/** The token changed since the preview: the change is not made (a bulk item is skipped). */
export class PreconditionFailed extends AppError {
  constructor(name: string, reason: string) {
    super('conflict', `${name} changed since the preview: ${reason}.`);
  }
}

/**
 * What every token change shares: its dependencies, the change discipline,
 * and the reads that shape an answer (the token's kind, the revealed credentials).
 */
export class TokenAdminBase {
  protected readonly changes: ChangeDiscipline;

  constructor(protected readonly d: TokenAdminDeps) {
    this.changes = new ChangeDiscipline(d.locks, d.audit, [d.writer]);
  }

  protected tokenId(ref: RegistryPath, name: string): string {
    return childId(ref, 'tokens', name);
  }

  protected expiryFrom(value: string | undefined, field: string): Date | undefined {
    if (value === 'never') return undefined;
    const at = value ? new Date(value) : new Date(this.d.now() + DEFAULT_PASSWORD_DAYS * DAY);
    if (at.getTime() <= this.d.now()) {
      throw new AppError('invalid_input', 'The expiry must be in the future.', {
        details: [{ field, rule: 'future', message: 'must be a date-time after now' }],
      });
    }
    return at;
  }

  protected async view(
    ref: RegistryPath,
    token: TokenRecord,
    crs?: ConnectedRegistryView[],
  ): Promise<TokenView> {
    const list = crs ?? (await this.connectedRegistries(ref));
    const kind = tokenKinds([token.name], list).get(token.name)!;
    return { ...token, ...kind };
  }

  protected async credentials(
    ref: RegistryPath,
    token: TokenView,
    generated: {
      username: string;
      password: { name: PasswordSlotName; value: string; expiry?: string };
    },
  ): Promise<RevealedCredentials> {
    // A client token also logs in to each connected registry that accepts it,
    // at the host Azure reports once the device has activated.
    const [registry, crs] = await Promise.all([
      this.d.reader.getRegistry(ref),
      token.clientOf.length > 0
        ? this.connectedRegistries(ref)
        : Promise.resolve([] as ConnectedRegistryView[]),
    ]);
    const accepting = crs.filter(
      (cr) => cr.loginServerHost && cr.clientTokenNames.some((n) => same(n, token.name)),
    );
    const servers = [registry.loginServer, ...accepting.map((cr) => cr.loginServerHost!)];
    const dockerLogin = [...new Set(servers.filter(Boolean))].map((server) => ({
      server,
      command: `docker login ${server} --username ${generated.username} --password-stdin`,
    }));
    return {
      username: generated.username,
      passwords: [generated.password],
      dockerLogin,
      propagationSeconds: PROPAGATION_SECONDS,
    };
  }

  /** Refuses the change when the precondition (if any) says the token no longer qualifies. */
  protected async ensure(
    ref: RegistryPath,
    token: TokenRecord,
    crs: ConnectedRegistryView[] | undefined,
    expect: Precondition | undefined,
  ): Promise<void> {
    if (!expect) return;
    const reason = expect(await this.view(ref, token, crs));
    if (reason) throw new PreconditionFailed(token.name, reason);
  }

  /**
   * The token as it is inside the lock, with the connected registries that
   * decide its kind, checked against the precondition; `syncOf` is the
   * connected registry whose sync token it is, if any.
   */
  protected async current(ref: RegistryPath, name: string, expect: Precondition | undefined) {
    const [before, crs] = await Promise.all([
      this.existing(ref, name),
      this.connectedRegistries(ref),
    ]);
    await this.ensure(ref, before, crs, expect);
    return { before, crs, syncOf: crs.find((cr) => same(cr.syncTokenName, before.name)) };
  }

  /** One audited change of token `name`, its record listing this change's ARM request ids. */
  protected audited<T>(
    change: LockedChange,
    ref: RegistryPath,
    name: string,
    action: string,
    before: unknown,
    run: () => Promise<{ result: T; after?: unknown }>,
  ) {
    return change.record(
      {
        actor: this.d.actor,
        action,
        target: this.tokenId(ref, name),
        before,
        requestId: this.d.requestId,
      },
      () => this.d.writer.armRequestIds,
      run,
    );
  }

  protected connectedRegistries(ref: RegistryPath): Promise<ConnectedRegistryView[]> {
    return (this.d.connectedRegistries ?? ((r) => this.d.reader.listConnectedRegistries(r)))(
      ref,
    ).catch(() => [] as ConnectedRegistryView[]);
  }

  protected async existing(ref: RegistryPath, name: string): Promise<TokenRecord> {
    return this.d.reader.getToken(ref, name);
  }
}
