import { isApiError } from './api-client';

/** The BFF names the field it refused; this is its message, to show under that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.details.find((d) => d.field === field)?.message;
}
