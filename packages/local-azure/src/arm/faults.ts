/**
 * Injected faults, matched by operation id (or `*`), consumed `times` times
 * (unlimited when absent). Latency combines with any one other kind.
 */
import { randomUUID } from 'node:crypto';

export const FAULT_KINDS = [
  'latency',
  'throttle',
  'error500',
  'error503',
  'reset',
  'lro-failed',
  'lro-never',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  operation: string;
  kind: FaultKind;
  latencyMs?: number;
  jitterMs?: number;
  retryAfterSeconds?: number;
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** How many more times it applies; undefined = always. */
  remaining?: number;
}

export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new Error('fault must be an object');
  const o = input as Record<string, unknown>;
  if (typeof o.operation !== 'string' || o.operation === '')
    throw new Error('fault.operation must be a string');
  if (typeof o.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(o.kind)) {
    throw new Error(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const num = (key: string): number | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`fault.${key} must be a number >= 0`);
    return v;
  };
  const spec: FaultSpec = { operation: o.operation, kind: o.kind as FaultKind };
  const latencyMs = num('latencyMs');
  const jitterMs = num('jitterMs');
  const retryAfterSeconds = num('retryAfterSeconds');
  const times = num('times');
  if (latencyMs !== undefined) spec.latencyMs = latencyMs;
  if (jitterMs !== undefined) spec.jitterMs = jitterMs;
  if (retryAfterSeconds !== undefined) spec.retryAfterSeconds = retryAfterSeconds;
  if (times !== undefined) spec.times = Math.floor(times);
  return spec;
}

export class FaultTable {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: randomUUID() };
    if (spec.times !== undefined) fault.remaining = spec.times;
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Takes (consumes one use of) the first live fault of one of `kinds` matching the operation. */
  take(operation: string, kinds: readonly FaultKind[]): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        kinds.includes(f.kind) &&
        (f.operation === '*' || f.operation.toLowerCase() === operation.toLowerCase()) &&
        (f.remaining === undefined || f.remaining > 0),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(index, 1);
    }
    return fault;
  }
}

export function latencyOf(fault: Fault): number {
  const base = fault.latencyMs ?? 0;
  const jitter = fault.jitterMs ?? 0;
  return Math.max(0, base + (jitter > 0 ? (Math.random() * 2 - 1) * jitter : 0));
}
