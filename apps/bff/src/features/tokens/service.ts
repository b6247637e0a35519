import {
  describeKind,
  tokenKinds,
  type CredentialResult,
  type PasswordSlotName,
  type RegistryPath,
  type TokenMutationResult,
} from '@latchkey/domain';
import { AppError } from '../../http/errors';
import { tokenRecordOf } from '../registries/snapshots';
import { inlineActions } from './inline-actions';
import { TokenCreation } from './create-token';
import {
  DEFAULT_PASSWORD_DAYS,
  summary,
  type Precondition,
  type TokenAdminDeps,
} from './token-admin-base';

export { inlineActions, DEFAULT_PASSWORD_DAYS, type TokenAdminDeps };

/**
 * Admin operations on tokens: each under the lock of the token (and the scope
 * map it reads), validated against the current state, audited, changed, read back.
 */
export class TokenAdminService extends TokenCreation {
  async generatePassword(
    ref: RegistryPath,
    name: string,
    body: { slot: PasswordSlotName; expiry?: string | undefined },
    expect?: Precondition,
  ): Promise<CredentialResult> {
    const expiry = this.expiryFrom(body.expiry, 'expiry');
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const before = await this.existing(ref, name);
      await this.ensure(ref, before, undefined, expect);
      await this.d.spendCredential();
      const { result, auditId, notice } = await this.audited(
        change,
        ref,
        before.name,
        'token.password.generate',
        { ...summary(before), slot: body.slot, expiry: expiry?.toISOString() ?? 'never' },
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
    expect?: Precondition,
  ): Promise<TokenMutationResult> {
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const before = await this.existing(ref, name);
      await this.ensure(ref, before, undefined, expect);
      const present = before.passwords.filter((p) => p.present).map((p) => p.name);
      if (!present.includes(slot)) {
        throw new AppError('invalid_input', `Token ${before.name} has no ${slot} to revoke.`, {
          details: [{ field: 'slot', rule: 'present', message: `${slot} holds no password` }],
        });
      }
      const { result, auditId, notice } = await this.audited(
        change,
        ref,
        before.name,
        'token.password.revoke',
        { ...summary(before), slot },
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
    expect?: Precondition,
  ): Promise<TokenMutationResult> {
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const { before, crs, syncOf } = await this.current(ref, name, expect);
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
      const { result, auditId, notice } = await this.audited(
        change,
        ref,
        before.name,
        body.status === 'disabled' ? 'token.disable' : 'token.enable',
        summary(before),
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

  async delete(
    ref: RegistryPath,
    name: string,
    expect?: Precondition,
  ): Promise<{ auditId: string }> {
    return this.changes.run([this.tokenId(ref, name)], async (change) => {
      const { before, crs, syncOf } = await this.current(ref, name, expect);
      if (syncOf) {
        throw new AppError(
          'conflict',
          `${before.name} is the sync token of connected registry ${syncOf.name}, which cannot work without it. Delete or re-create ${syncOf.name} first; Azure refuses to delete a sync token while its connected registry exists.`,
        );
      }
      const kind = tokenKinds([before.name], crs).get(before.name)!;
      const { auditId } = await this.audited(
        change,
        ref,
        before.name,
        'token.delete',
        { ...summary(before), kind: describeKind(kind.kind) },
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
