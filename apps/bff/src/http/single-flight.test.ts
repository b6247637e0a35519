import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

describe('single flight', () => {
  it('runs overlapping calls for one key once and shares the result', async () => {
    const flights = new SingleFlight();
    let runs = 0;
    let finish!: (v: string) => void;
    const work = () => {
      runs++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const calls = [flights.run('a', work), flights.run('a', work), flights.run('a', work)];
    const other = flights.run('b', async () => 'b');
    expect(flights.size).toBe(2);
    finish('done');
    expect(await Promise.all(calls)).toEqual(['done', 'done', 'done']);
    expect(await other).toBe('b');
    expect(runs).toBe(1);
    expect(flights.size).toBe(0);
    // Settled: the next call runs afresh.
    await flights.run('a', async () => {
      runs++;
    });
    expect(runs).toBe(2);
  });

  it('shares a failure, even a synchronous throw, and forgets it', async () => {
    const flights = new SingleFlight();
    const boom = () => {
      throw new Error('boom');
    };
    await expect(Promise.all([flights.run('k', boom), flights.run('k', boom)])).rejects.toThrow(
      'boom',
    );
    expect(flights.size).toBe(0);
  });
});
