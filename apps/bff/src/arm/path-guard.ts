import { AppError } from '../http/errors';

/**
 * The last line against path tricks: the SDK puts names into the ARM URL and
 * the WHATWG URL parser then removes `.` and `..` segments (also written
 * `%2e`), so a resource group named `..` would address a different ARM
 * resource. The shared name schemas refuse such names already; this check
 * sits where every SDK call goes, so no future schema or caller can bring
 * them back. It runs before anything is sent.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const UNSAFE_CHARACTERS = /[/\\?#\u0000-\u001f\u007f]/;

/** Percent-decodes until nothing changes (a few rounds at most), so `%252e` is seen as `.`. */
function fullyDecoded(value: string): string {
  let current = value;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

export function isSafeArmPathSegment(value: string): boolean {
  if (value === '') return false;
  const decoded = fullyDecoded(value);
  if (decoded === '.' || decoded === '..') return false;
  return !UNSAFE_CHARACTERS.test(value) && !UNSAFE_CHARACTERS.test(decoded);
}

export function assertSafeArmPathSegment(value: string): void {
  if (isSafeArmPathSegment(value)) return;
  throw new AppError(
    'invalid_input',
    'A name in the request cannot be part of an Azure resource path (it is empty, `.` or `..`, or holds a slash, a backslash or a control character).',
    {
      details: [
        {
          field: 'path',
          rule: 'arm-path-segment',
          message:
            'names must not be empty, `.` or `..` (also percent-encoded), or hold /, \\, ?, # or control characters',
        },
      ],
    },
  );
}

/**
 * The SDK client with every operation of the named groups checking its
 * string arguments (the SDK's path parameters: bodies and options are
 * objects) before the SDK builds a URL from them.
 */
export function withGuardedPaths<T extends object>(client: T, groups: ReadonlyArray<keyof T>): T {
  const guardedGroups = new Map<PropertyKey, object>();
  for (const name of groups) {
    const group = client[name] as object;
    guardedGroups.set(
      name,
      new Proxy(group, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            for (const arg of args) if (typeof arg === 'string') assertSafeArmPathSegment(arg);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }),
    );
  }
  return new Proxy(client, {
    get(target, prop, receiver) {
      return guardedGroups.get(prop) ?? Reflect.get(target, prop, receiver);
    },
  });
}
