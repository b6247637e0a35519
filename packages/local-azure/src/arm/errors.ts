/**
 * ARM error envelope (reference §2.6). Handlers throw ArmError; the HTTP layer
 * turns it into `{ error: { code, message, target?, details? } }`.
 */
export interface ArmErrorBody {
  code: string;
  message: string;
  target?: string;
  details?: ArmErrorBody[];
}

export class ArmError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly details: ArmErrorBody[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { target?: string; details?: ArmErrorBody[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ArmError';
    this.status = status;
    this.code = code;
    this.target = extra.target;
    this.details = extra.details;
    this.headers = extra.headers ?? {};
  }

  body(): { error: ArmErrorBody } {
    const error: ArmErrorBody = { code: this.code, message: this.message };
    if (this.target !== undefined) error.target = this.target;
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** 400 for a body that cannot be read as the expected shape (ARM's deserialisation failure). */
export function invalidContent(message: string, target?: string): ArmError {
  return new ArmError(
    400,
    'InvalidRequestContent',
    `The request content was invalid and could not be deserialized: '${message}'.`,
    target === undefined ? {} : { target },
  );
}

/** 400 for a well-formed value that breaks a rule; `target` names the field. */
export function invalidParameter(target: string, message: string): ArmError {
  return new ArmError(400, 'InvalidParameter', message, { target });
}

export function badRequest(message: string, target?: string): ArmError {
  return new ArmError(400, 'BadRequest', message, target === undefined ? {} : { target });
}

export function conflict(message: string, target?: string): ArmError {
  return new ArmError(409, 'Conflict', message, target === undefined ? {} : { target });
}

/** ARM's not-found message names the resource type path and the resource group. */
export function resourceNotFound(typePath: string, resourceGroup: string): ArmError {
  return new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${typePath}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

export function resourceGroupNotFound(resourceGroup: string): ArmError {
  return new ArmError(
    404,
    'ResourceGroupNotFound',
    `Resource group '${resourceGroup}' could not be found.`,
  );
}

export function subscriptionNotFound(subscriptionId: string): ArmError {
  return new ArmError(
    404,
    'SubscriptionNotFound',
    `The subscription '${subscriptionId}' could not be found.`,
  );
}
