/**
 * The emulator's notion of "now". Resource data (connected-registry runtime,
 * systemData timestamps, password expiry checks) reads this clock so tests can
 * freeze and advance time. Bearer-token expiry is NOT checked against it: the
 * identity provider issues tokens in real time, and advancing the emulator by
 * days must not sign everybody out.
 */
export interface Clock {
  now(): number;
}

export class ControllableClock implements Clock {
  private frozenAt: number | undefined;
  private offsetMs = 0;

  constructor(options: { frozenAt?: Date | number } = {}) {
    if (options.frozenAt !== undefined) this.frozenAt = +options.frozenAt;
  }

  now(): number {
    return (this.frozenAt ?? Date.now()) + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(at: Date | number): void {
    this.offsetMs = 0;
    this.frozenAt = +at;
  }

  /** Let time flow again from the current value. */
  resume(): void {
    const current = this.now();
    this.frozenAt = undefined;
    this.offsetMs = current - Date.now();
  }

  isFrozen(): boolean {
    return this.frozenAt !== undefined;
  }
}
