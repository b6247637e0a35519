import { describe, expect, it } from 'vitest';
import { drivers, TestClock, useTestStorage } from '../../test/storage-harness';
import { createSessionStore, hashSessionId, type SessionData } from './sessions';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const alice: SessionData = {
  userId: '00000000-0000-0000-0000-00000000a11c',
  tenantId: '00000000-0000-0000-0000-0000000000te',
  name: 'Alice Admin',
  username: 'alice@contoso.example',
  roles: ['Latchkey.Admin'],
  homeAccountId: 'a11c.tenant',
  loginAt: '2026-01-01T00:00:00.000Z',
};

describe.each(drivers)('sessions on %s', (kind) => {
  const t = useTestStorage(kind);
  const open = (clock = new TestClock()) => ({
    clock,
    store: createSessionStore(t.storage.db, { clock }),
  });

  it('creates a session that reads back, stored under the hash of its id only', async () => {
    const { store } = open();
    const { id, session } = await store.create(alice);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.data).toEqual(alice);
    expect((await store.get(id))?.data).toEqual(alice);

    const { rows } = await t.storage.db.query('SELECT * FROM sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id_hash: hashSessionId(id) });
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it('gives every session a different id', async () => {
    const { store } = open();
    const ids = await Promise.all([1, 2, 3].map(async () => (await store.create(alice)).id));
    expect(new Set(ids).size).toBe(3);
  });

  it('expires after 30 idle minutes, and deletes the row when read', async () => {
    const { store, clock } = open();
    const { id } = await store.create(alice);
    clock.advance(30 * MINUTE - 1);
    expect(await store.get(id)).not.toBeNull();
    clock.advance(1);
    expect(await store.get(id)).toBeNull();
    expect((await t.storage.db.query('SELECT 1 FROM sessions')).rowCount).toBe(0);
  });

  it('slides the idle deadline on touch', async () => {
    const { store, clock } = open();
    const { id } = await store.create(alice);
    clock.advance(20 * MINUTE);
    const touched = await store.touch(id);
    expect(touched?.expiresAt.getTime()).toBe(clock.now() + 30 * MINUTE);
    clock.advance(20 * MINUTE);
    expect(await store.get(id)).not.toBeNull();
    clock.advance(10 * MINUTE);
    expect(await store.get(id)).toBeNull();
    expect(await store.touch(id)).toBeNull();
  });

  it('ends at the absolute limit of 8 hours however active', async () => {
    const { store, clock } = open();
    const { id, session } = await store.create(alice);
    expect(session.absoluteExpiresAt.getTime()).toBe(clock.now() + 8 * HOUR);
    for (let elapsed = 0; elapsed < 8 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      clock.advance(20 * MINUTE);
      const touched = await store.touch(id);
      expect(touched).not.toBeNull();
      expect(touched!.expiresAt.getTime()).toBeLessThanOrEqual(
        touched!.absoluteExpiresAt.getTime(),
      );
    }
    clock.advance(20 * MINUTE);
    expect(clock.now() - Date.parse('2026-01-01T00:00:00.000Z')).toBe(8 * HOUR);
    expect(await store.get(id)).toBeNull();
    expect(await store.touch(id)).toBeNull();
  });

  it('honours other timeouts', async () => {
    const clock = new TestClock();
    const store = createSessionStore(t.storage.db, {
      clock,
      idleTimeoutMs: 5 * MINUTE,
      absoluteTimeoutMs: HOUR,
    });
    const { id } = await store.create(alice);
    clock.advance(5 * MINUTE);
    expect(await store.get(id)).toBeNull();
  });

  it('deletes one session, and sweeps the expired ones', async () => {
    const { store, clock } = open();
    const gone = await store.create(alice);
    const old = await store.create(alice);
    clock.advance(20 * MINUTE);
    const fresh = await store.create(alice);
    await store.delete(gone.id);
    expect(await store.get(gone.id)).toBeNull();
    clock.advance(10 * MINUTE);
    expect(await store.deleteExpired()).toBe(1);
    expect(await store.get(old.id)).toBeNull();
    expect((await store.get(fresh.id))?.data.userId).toBe(alice.userId);
  });

  it('ends every session of one account and no one else’s (sign out everywhere)', async () => {
    const { store } = open();
    const bob: SessionData = { ...alice, userId: 'b0b', name: 'Bob', homeAccountId: 'b0b.tenant' };
    const [a1, a2, b] = await Promise.all([
      store.create(alice),
      store.create(alice),
      store.create(bob),
    ]);
    expect(await store.deleteAllOf(alice.homeAccountId)).toBe(2);
    expect(await store.get(a1.id)).toBeNull();
    expect(await store.get(a2.id)).toBeNull();
    expect((await store.get(b.id))?.data).toEqual(bob);
    expect(await store.deleteAllOf('nobody.tenant')).toBe(0);
  });

  it('refuses data that is not a session, such as tokens', async () => {
    const { store } = open();
    await expect(
      store.create({ ...alice, accessToken: 'opaque' } as unknown as SessionData),
    ).rejects.toThrow();
    await expect(
      store.create({ ...alice, roles: 'Latchkey.Admin' } as unknown as SessionData),
    ).rejects.toThrow();
    expect((await t.storage.db.query('SELECT 1 FROM sessions')).rowCount).toBe(0);
  });

  it('answers null for ids it never issued', async () => {
    const { store } = open();
    await store.create(alice);
    expect(await store.get('not-a-session')).toBeNull();
    expect(await store.get('')).toBeNull();
    expect(await store.get('x'.repeat(10_000))).toBeNull();
    expect(await store.touch('not-a-session')).toBeNull();
  });
});
