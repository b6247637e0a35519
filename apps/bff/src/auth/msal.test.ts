import { describe, expect, it } from 'vitest';
import { partitionOf } from './msal';

// The shape msal-node serialises its cache in: sections of entries, each
// entry naming the account it belongs to (app metadata belongs to none).
const entry = (home: string) => ({ home_account_id: home, secret: `secret-of-${home}` });
const shared = {
  Account: { a: entry('ann.tid'), b: entry('bob.tid') },
  IdToken: { a: entry('ann.tid'), b: entry('bob.tid') },
  AccessToken: { a1: entry('ann.tid'), a2: entry('ann.tid'), b: entry('bob.tid') },
  RefreshToken: { a: entry('ann.tid'), b: entry('bob.tid'), orphan: { secret: 'no owner' } },
  AppMetadata: { app: { client_id: 'c', environment: 'e' } },
};

describe('a person’s partition of the shared msal cache', () => {
  it('keeps that account’s entries and the app metadata, nothing of anyone else', () => {
    const ann = JSON.parse(partitionOf(JSON.stringify(shared), 'ann.tid')) as typeof shared;
    expect(Object.keys(ann.Account)).toEqual(['a']);
    expect(Object.keys(ann.IdToken)).toEqual(['a']);
    expect(Object.keys(ann.AccessToken)).toEqual(['a1', 'a2']);
    expect(Object.keys(ann.RefreshToken)).toEqual(['a']);
    expect(ann.AppMetadata).toEqual(shared.AppMetadata);
    expect(JSON.stringify(ann)).not.toContain('bob');
    expect(JSON.stringify(ann)).not.toContain('no owner');
  });

  it('is empty for an account the cache does not hold', () => {
    const none = JSON.parse(partitionOf(JSON.stringify(shared), 'carol.tid')) as typeof shared;
    expect(Object.keys(none.Account)).toEqual([]);
    expect(Object.keys(none.RefreshToken)).toEqual([]);
  });
});
