export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * JSON with object keys sorted at every level, so equal values always give the
 * same text. The audit hash is computed over it: jsonb reorders keys on the
 * way into the database, so hashing JSON.stringify output would not verify.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}

/**
 * The value as it will come back from a jsonb column: Dates as strings,
 * undefined properties gone, non-finite numbers refused (jsonb has none).
 */
export function toJsonValue(value: unknown, what: string): JsonValue {
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'number' && !Number.isFinite(inner)) {
      throw new TypeError(`${what} contains a non-finite number`);
    }
    if (typeof inner === 'bigint') throw new TypeError(`${what} contains a bigint`);
    return inner;
  }) as string | undefined;
  if (text === undefined) throw new TypeError(`${what} is not JSON`);
  if (text.includes('\\u0000')) throw new TypeError(`${what} contains a NUL character`);
  return JSON.parse(text) as JsonValue;
}
