import {
  describeKind,
  tokenKinds,
  type CreateTokenRequest,
  type CredentialResult,
  type InlineScopeMap,
  type PasswordSlotName,
  type RegistryPath,
  type RevealedCredentials,
  type StepReport,
  type TokenMutationResult,
  type TokenView,
  childId,
} from '@latchkey/domain';
import type { ConnectedRegistryView } from '@latchkey/domain';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';
import type { RegistryReader } from '../../arm/reader';
import type { RegistryWriter } from '../../arm/writer';
import { AppError, asAppError, withSteps } from '../../http/errors';
import type { LockManager } from '../../storage';
import type { Actor, AuditRecorder } from '../audit/recorder';
import { ChangeDiscipline, nameTaken, type LockedChange } from '../shared/change-discipline';
import { tokenRecordOf, type ApplySnapshotChange } from '../registries/snapshots';

const DAY = 24 * 3600_000;
export const DEFAULT_PASSWORD_DAYS = 90;
const PROPAGATION_SECONDS = 60;

const same = (a: string | null | undefined, b: string) =>
  !!a && a.toLowerCase() === b.toLowerCase();

/** What the audit log keeps of a token: names, status and dates, never a password value. */
function summary(t: TokenRecord) {
  return {
    status: t.status,
    scopeMap: t.scopeMapName,
    passwords: t.passwords.map((p) => ({
      name: p.name,
      present: p.present,
      ...(p.creationTime ? { creationTime: p.creationTime } : {}),
      expiry: p.present ? (p.expiry ?? 'never') : null,
    })),
  };
}

/** `repositories/<repo>/<perm>` and `gateway/<cr>/<perm>` from the inline form, validated. */
export function inlineActions(inline: InlineScopeMap): string[] {
  const actions: string[] = [];
  inline.repositories.forEach((r, i) => {
    const repo = r.repository.trim().toLowerCase();
    const wildcardOk =
      repo === '*' ||
      !repo.includes('*') ||
      (/^[^*]+\/\*$/.test(repo) && !repo.slice(0, -2).includes('*'));
    const shapeOk =
      repo === '*' ||
      /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?:\/\*)?$/.test(
        repo,
      );
    if (!wildcardOk || !shapeOk) {
      throw new AppError(
        'invalid_input',
        `Repository "${r.repository}" is not a valid repository name or pattern.`,
        {
          details: [
            {
              field: `scopeMap.inline.repositories.${i}.repository`,
              rule: wildcardOk ? 'repository-name' : 'wildcard-position',
              message: wildcardOk
                ? 'use lower-case path components of letters and digits separated by ".", "_", "__" or "-", joined by "/"'
                : 'a wildcard is allowed only as a trailing "/*" or as the whole name "*"',
            },
          ],
        },
      );
    }
    for (const p of r.permissions) actions.push(`repositories/${repo}/${p}`);
  });
  for (const g of inline.gateways) {
    for (const p of g.permissions)
      actions.push(`gateway/${g.connectedRegistry.toLowerCase()}/${p}`);
  }
  const unique = [...new Set(actions)];
  if (unique.length === 0) {
    throw new AppError(
      'invalid_input',
      'The new scope map grants nothing: add at least one permission.',
      {
        details: [
          {
            field: 'scopeMap.inline',
            rule: 'not-empty',
            message: 'at least one permission is required',
          },
        ],
      },
    );
  }
  if (unique.length > 500) {
    throw new AppError(
      'invalid_input',
      `A scope map holds at most 500 actions; this one has ${unique.length}.`,
      {
        details: [
          {
            field: 'scopeMap.inline',
            rule: 'max-500-actions',
            message: 'at most 500 actions per scope map',
          },
        ],
      },
    );
  }
  return unique;
}

export interface TokenAdminDeps {
  reader: RegistryReader;
  writer: RegistryWriter;
  audit: AuditRecorder;
  locks: LockManager;
  actor: Actor;
  requestId: string;
  now: () => number;
  /** Draws on the person's credential budget; called just before a credential is minted at Azure. */
  spendCredential: () => Promise<void>;
  /** Gives the shared registry snapshot what a successful change read back. */
  snapshot?: ApplySnapshotChange;
}

/**
 * Admin operations on tokens: each under the lock of the token (and the scope
 * map it reads), validated against the current state, audited, changed, read back.
 */
export class TokenAdminService {
  private readonly changes: ChangeDiscipline;

  constructor(private readonly d: TokenAdminDeps) {
    this.changes = new ChangeDiscipline(d.locks, d.audit, [d.writer]);
  }

  private tokenId(ref: RegistryPath, name: string): string {
    return childId(ref, 'tokens', name);
  }

  private expiryFrom(value: string | undefined, field: string): Date | undefined {
    if (value === 'never') return undefined;
    const at = value ? new Date(value) : new Date(this.d.now() + DEFAULT_PASSWORD_DAYS * DAY);
    if (at.getTime() <= this.d.now()) {
      throw new AppError('invalid_input', 'The expiry must be in the future.', {
        details: [{ field, rule: 'future', message: 'must be a date-time after now' }],
      });
    }
    return at;
  }

  private async view(
    ref: RegistryPath,
    token: TokenRecord,
    crs?: ConnectedRegistryView[],
  ): Promise<TokenView> {
    const list = crs ?? (await this.d.reader.listConnectedRegistries(ref).catch(() => []));
    const kind = tokenKinds([token.name], list).get(token.name)!;
    return { ...token, ...kind };
  }

  private async credentials(
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
        ? this.d.reader.listConnectedRegistries(ref).catch(() => [] as ConnectedRegistryView[])
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

  private async existing(ref: RegistryPath, name: string): Promise<TokenRecord> {
    return this.d.reader.getToken(ref, name);
  }

  async create(
    ref: RegistryPath,
    body: Required<Pick<CreateTokenRequest, 'name'>> & {
      status: 'enabled' | 'disabled';
      scopeMap: { existing?: string | undefined; inline?: InlineScopeMap | undefined };
      password: { slot: PasswordSlotName; expiry?: string | undefined };
    },
  ): Promise<CredentialResult> {
    const expiry = this.expiryFrom(body.password.expiry, 'password.expiry');
    const actions =
      body.scopeMap.existing === undefined ? inlineActions(body.scopeMap.inline!) : undefined;
    const scopeMapName = body.scopeMap.existing ?? `${body.name}-scope-map`.slice(0, 50);
    // The name is checked inside the lock: two creates of one name cannot both pass.
    const locked = [this.tokenId(ref, body.name), childId(ref, 'scopeMaps', scopeMapName)];
    return this.changes.run(locked, async (change) => {
      const existing = await this.d.reader.getToken(ref, body.name).then(
        (t) => t,
        (e: unknown) =>
          e instanceof AppError && e.code === 'not_found' ? undefined : Promise.reject(e),
      );
      if (existing) {
        throw nameTaken(
          `A token named ${existing.name} already exists in ${ref.registryName}.`,
          'name',
          await this.view(ref, existing),
        );
      }
      return this.createLocked(ref, body, change, { expiry, actions, scopeMapName });
    });
  }

  private async createLocked(
    ref: RegistryPath,
    body: Parameters<TokenAdminService['create']>[1],
    change: LockedChange,
    plan: { expiry: Date | undefined; actions: string[] | undefined; scopeMapName: string },
  ): Promise<CredentialResult> {
    const { expiry, actions, scopeMapName } = plan;
    if (body.scopeMap.existing !== undefined) {
      await this.d.reader.getScopeMap(ref, scopeMapName).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') {
          throw new AppError(
            'invalid_input',
            `Scope map ${scopeMapName} does not exist in ${ref.registryName}.`,
            {
              details: [
                { field: 'scopeMap.existing', rule: 'exists', message: 'no such scope map' },
              ],
            },
          );
        }
        throw e;
      });
    } else {
      const mapTaken = await this.d.reader.getScopeMap(ref, scopeMapName).then(
        () => true,
        (e: unknown) =>
          e instanceof AppError && e.code === 'not_found' ? false : Promise.reject(e),
      );
      if (mapTaken) {
        throw new AppError(
          'conflict',
          `A scope map named ${scopeMapName} already exists; pick it as an existing scope map or rename the token.`,
          {
            details: [
              {
                field: 'scopeMap.inline',
                rule: 'unique',
                message: `scope map ${scopeMapName} exists`,
              },
            ],
          },
        );
      }
    }

    const steps: StepReport[] = [];
    const target = childId(ref, 'tokens', body.name);
    await this.d.spendCredential();
    const { result, auditId, notice } = await change.record(
      {
        actor: this.d.actor,
        action: 'token.create',
        target,
        before: {
          scopeMap: scopeMapName,
          inlineActions: actions ?? null,
          status: body.status,
          slot: body.password.slot,
          expiry: expiry?.toISOString() ?? 'never',
        },
        requestId: this.d.requestId,
      },
      () => this.d.writer.armRequestIds,
      async () => {
        // Every planned step, in order; each starts as not attempted.
        const planned: StepReport[] = [
          ...(actions
            ? [{ step: `Create scope map ${scopeMapName}`, outcome: 'skipped' as const }]
            : []),
          { step: `Create token ${body.name}`, outcome: 'skipped' },
          { step: `Generate ${body.password.slot}`, outcome: 'skipped' },
        ];
        let at = 0;
        const done = () => {
          planned[at]!.outcome = 'done';
          at++;
        };
        let createdMap: ScopeMapRecord | undefined;
        let createdToken = false;
        try {
          if (actions) {
            createdMap = await this.d.writer.createScopeMap(ref, scopeMapName, {
              actions,
              description: `Created by Latchkey for token ${body.name}`,
            });
            done();
          }
          await this.d.writer.createToken(ref, body.name, { scopeMapName, status: body.status });
          createdToken = true;
          done();
          const generated = await this.d.writer.generatePassword(
            ref,
            body.name,
            body.password.slot,
            expiry,
          );
          done();
          const token = await this.view(ref, await this.existing(ref, body.name));
          steps.push(...planned);
          return { result: { token, generated, createdMap }, after: summary(token) };
        } catch (error) {
          const detail = asAppError(error).message;
          if (at < planned.length) planned[at] = { ...planned[at]!, outcome: 'failed', detail };
          // Every write landed but the read-back failed: the password never reached
          // anyone, so the token is undone like any other half-made one.
          else planned.push({ step: `Read back token ${body.name}`, outcome: 'failed', detail });
          steps.push(...planned);
          // Undo what nobody can be using yet: a token without a password, a map only it used.
          if (createdToken) {
            await this.d.writer.deleteToken(ref, body.name).then(
              () => steps.push({ step: `Delete the new token ${body.name}`, outcome: 'undone' }),
              () =>
                steps.push({
                  step: `Delete the new token ${body.name}`,
                  outcome: 'failed',
                  detail: 'delete it by hand',
                }),
            );
          }
          if (createdMap) {
            await this.d.writer.deleteScopeMap(ref, scopeMapName).then(
              () =>
                steps.push({ step: `Delete the new scope map ${scopeMapName}`, outcome: 'undone' }),
              () =>
                steps.push({
                  step: `Delete the new scope map ${scopeMapName}`,
                  outcome: 'failed',
                  detail: 'delete it by hand',
                }),
            );
          }
          throw withSteps(asAppError(error), steps);
        }
      },
    );
    await this.d.snapshot?.(ref, {
      tokens: [tokenRecordOf(result.token)],
      ...(result.createdMap ? { scopeMaps: [result.createdMap] } : {}),
    });
    return {
      token: result.token,
      steps,
      auditId,
      ...(notice ? { notice } : {}),
      credentials: await this.credentials(ref, result.token, result.generated),
    };
  }

  async generatePassword(
    ref: RegistryPath,
    name: string,
    body: { slot: PasswordSlotName; expiry?: string | undefined },
  ): Promise<CredentialResult> {
    const expiry = this.expiryFrom(body.expiry, 'expiry');
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const before = await this.existing(ref, name);
      await this.d.spendCredential();
      const { result, auditId, notice } = await change.record(
        {
          actor: this.d.actor,
          action: 'token.password.generate',
          target: childId(ref, 'tokens', before.name),
          before: { ...summary(before), slot: body.slot, expiry: expiry?.toISOString() ?? 'never' },
          requestId: this.d.requestId,
        },
        () => this.d.writer.armRequestIds,
        async () => {
          const generated = await this.d.writer.generatePassword(
            ref,
            before.name,
            body.slot,
            expiry,
          );
          const token = await this.view(ref, await this.existing(ref, before.name));
          return { result: { token, generated }, after: summary(token) };
        },
      );
      await this.d.snapshot?.(ref, { tokens: [tokenRecordOf(result.token)] });
      return {
        token: result.token,
        steps: [{ step: `Generate ${body.slot}`, outcome: 'done' as const }],
        auditId,
        ...(notice ? { notice } : {}),
        credentials: await this.credentials(ref, result.token, result.generated),
      };
    });
  }

  async revokePassword(
    ref: RegistryPath,
    name: string,
    slot: PasswordSlotName,
  ): Promise<TokenMutationResult> {
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const before = await this.existing(ref, name);
      const present = before.passwords.filter((p) => p.present).map((p) => p.name);
      if (!present.includes(slot)) {
        throw new AppError('invalid_input', `Token ${before.name} has no ${slot} to revoke.`, {
          details: [{ field: 'slot', rule: 'present', message: `${slot} holds no password` }],
        });
      }
      const { result, auditId, notice } = await change.record(
        {
          actor: this.d.actor,
          action: 'token.password.revoke',
          target: childId(ref, 'tokens', before.name),
          before: { ...summary(before), slot },
          requestId: this.d.requestId,
        },
        () => this.d.writer.armRequestIds,
        async () => {
          await this.d.writer.keepPasswords(
            ref,
            before.name,
            present.filter((p) => p !== slot),
          );
          const token = await this.view(ref, await this.existing(ref, before.name));
          return { result: token, after: summary(token) };
        },
      );
      await this.d.snapshot?.(ref, { tokens: [tokenRecordOf(result)] });
      return {
        token: result,
        steps: [{ step: `Revoke ${slot}`, outcome: 'done' as const }],
        auditId,
        ...(notice ? { notice } : {}),
      };
    });
  }

  async setStatus(
    ref: RegistryPath,
    name: string,
    body: { status: 'enabled' | 'disabled'; confirmConnectedRegistryName?: string | undefined },
  ): Promise<TokenMutationResult> {
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const [before, crs] = await Promise.all([
        this.existing(ref, name),
        this.d.reader.listConnectedRegistries(ref).catch(() => [] as ConnectedRegistryView[]),
      ]);
      const syncOf = crs.find((cr) => same(cr.syncTokenName, before.name));
      if (
        body.status === 'disabled' &&
        syncOf &&
        body.confirmConnectedRegistryName !== syncOf.name
      ) {
        throw new AppError(
          'invalid_input',
          `${before.name} is the sync token of connected registry ${syncOf.name}: disabling it suspends ${syncOf.name}. Type ${syncOf.name} to confirm.`,
          {
            details: [
              {
                field: 'confirmConnectedRegistryName',
                rule: 'matches-connected-registry',
                message: `must be "${syncOf.name}"`,
              },
            ],
          },
        );
      }
      const { result, auditId, notice } = await change.record(
        {
          actor: this.d.actor,
          action: body.status === 'disabled' ? 'token.disable' : 'token.enable',
          target: childId(ref, 'tokens', before.name),
          before: summary(before),
          requestId: this.d.requestId,
        },
        () => this.d.writer.armRequestIds,
        async () => {
          await this.d.writer.setTokenStatus(ref, before.name, body.status);
          const token = await this.view(ref, await this.existing(ref, before.name), crs);
          return { result: token, after: summary(token) };
        },
      );
      await this.d.snapshot?.(ref, { tokens: [tokenRecordOf(result)] });
      return {
        token: result,
        steps: [
          {
            step: `${body.status === 'disabled' ? 'Disable' : 'Enable'} ${before.name}`,
            outcome: 'done' as const,
          },
        ],
        auditId,
        ...(notice ? { notice } : {}),
      };
    });
  }

  async delete(ref: RegistryPath, name: string): Promise<{ auditId: string }> {
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const [before, crs] = await Promise.all([
        this.existing(ref, name),
        this.d.reader.listConnectedRegistries(ref).catch(() => [] as ConnectedRegistryView[]),
      ]);
      const syncOf = crs.find((cr) => same(cr.syncTokenName, before.name));
      if (syncOf) {
        throw new AppError(
          'conflict',
          `${before.name} is the sync token of connected registry ${syncOf.name}, which cannot work without it. Delete or re-create ${syncOf.name} first; Azure refuses to delete a sync token while its connected registry exists.`,
        );
      }
      const kind = tokenKinds([before.name], crs).get(before.name)!;
      const { auditId } = await change.record(
        {
          actor: this.d.actor,
          action: 'token.delete',
          target: childId(ref, 'tokens', before.name),
          before: { ...summary(before), kind: describeKind(kind.kind) },
          requestId: this.d.requestId,
        },
        () => this.d.writer.armRequestIds,
        async () => {
          await this.d.writer.deleteToken(ref, before.name);
          return { result: undefined, after: { deleted: true } };
        },
      );
      await this.d.snapshot?.(ref, { deleted: { tokens: [before.name] } });
      return { auditId };
    });
  }
}
