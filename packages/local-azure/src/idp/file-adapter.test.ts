import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileAdapter, FileStore } from './file-adapter';

describe('file-backed provider adapter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idp-adapter-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('persists across instances, keeps tenants and models apart, and writes atomically with mode 0600', async () => {
    const path = join(dir, 'state.json');
    const store = new FileStore(path);
    const tokens = new FileAdapter(store, 'tenant-a', 'RefreshToken');
    await tokens.upsert('rt1', { grantId: 'g1', uid: 'u1' }, 3600);
    await new FileAdapter(store, 'tenant-a', 'Session').upsert('s1', { uid: 'session-uid' }, 3600);
    store.flush();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['state.json']);

    const reopened = new FileStore(path);
    expect(await new FileAdapter(reopened, 'tenant-a', 'RefreshToken').find('rt1')).toEqual({
      grantId: 'g1',
      uid: 'u1',
    });
    expect(await new FileAdapter(reopened, 'tenant-b', 'RefreshToken').find('rt1')).toBeUndefined();
    expect(await new FileAdapter(reopened, 'tenant-a', 'AccessToken').find('rt1')).toBeUndefined();
    expect(await new FileAdapter(reopened, 'tenant-a', 'Session').findByUid('session-uid')).toEqual(
      { uid: 'session-uid' },
    );
  });

  it('consumes, destroys, revokes by grant and forgets expired entries', async () => {
    const store = new FileStore(join(dir, 'state.json'));
    const codes = new FileAdapter(store, 't', 'AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g1' }, 60);
    await codes.upsert('c2', { grantId: 'g2' }, 60);
    await codes.upsert('old', { grantId: 'g3' }, -1);
    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number));
    await codes.revokeByGrantId('g1');
    expect(await codes.find('c1')).toBeUndefined();
    expect(await codes.find('c2')).toEqual({ grantId: 'g2' });
    expect(await codes.find('old')).toBeUndefined();
    await codes.destroy('c2');
    expect(await codes.find('c2')).toBeUndefined();
    store.flush();
  });
});
