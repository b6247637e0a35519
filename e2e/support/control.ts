import { expect } from '@playwright/test';
import { e2ePorts } from '../ports';

/** Local Azure's control API (plain http on loopback): page size, held pages, the clock. */
export const control = async (path: string, method = 'GET', body?: unknown) => {
  const res = await fetch(`http://127.0.0.1:${e2ePorts.control}${path}`, {
    method,
    ...(body
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as Record<string, unknown>;
};
