import type {
  CreateTokenRequest,
  CredentialResult,
  InlineScopeMap,
  PasswordSlotName,
  RegistryPath,
  StepReport,
} from '@latchkey/domain';
import { childId } from '@latchkey/domain';
import type { ScopeMapRecord } from '../../arm/mappers';
import { AppError, asAppError, withSteps } from '../../http/errors';
import { nameTaken, type LockedChange } from '../shared/change-discipline';
import { tokenRecordOf } from '../registries/snapshots';
import { inlineActions } from './inline-actions';
import { summary, TokenAdminBase } from './token-admin-base';

/** Creating a token (with its scope map and first password), undone step by step on failure. */
export class TokenCreation extends TokenAdminBase {
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
    body: Parameters<TokenCreation['create']>[1],
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
    await this.d.spendCredential();
    const { result, auditId, notice } = await this.audited(
      change,
      ref,
      body.name,
      'token.create',
      {
        scopeMap: scopeMapName,
        inlineActions: actions ?? null,
        status: body.status,
        slot: body.password.slot,
        expiry: expiry?.toISOString() ?? 'never',
      },
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
}
