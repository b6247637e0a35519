import { describe, expect, it } from 'vitest';
import {
  auditExportColumns,
  auditExportRows,
  auditExportSchema,
  csvCell,
  csvChunks,
  effectiveAccessColumns,
  effectiveAccessEntries,
  effectiveAccessEntryStream,
  effectiveAccessExportSchema,
  effectiveAccessRows,
  exportFileName,
  exportStamp,
  findingColumns,
  findingRows,
  findingsExportSchema,
  jsonChunks,
  parseCsv,
  toCsv,
  tokenColumns,
  tokenEntries,
  tokenRows,
  tokensExportSchema,
} from './exports';
import {
  acceptedAt,
  accessOnConnectedRegistry,
  gatewayAccessOnConnectedRegistry,
  gatewayColumns,
  tokenGatewayAccess,
  type TokenGatewayAccess,
  indexOverview,
  matrixColumns,
  tokenAccess,
  type TokenAccess,
} from './index';
import { computeFindings } from './findings';
import { repositoryPermissions } from './mutations';
import { ALL, DAY, NOW, buildOverview, cleanSpec, pwd, repo, seeded } from './test-fixtures';

/** The clean fixture with one expired password, one never-expiring one and a write grant on a ReadOnly edge. */
function sample() {
  const spec = cleanSpec();
  spec.tokens!.find((t) => t.name === 'cam-client')!.scopeMapName = 'agent-all';
  spec.scopeMaps!.push({ name: 'agent-all', actions: repo('app/agent', ALL) });
  spec.tokens!.push(
    { name: 'old-ci', scopeMapName: 'app-push', passwords: [pwd('password1', 100 * DAY, -DAY)] },
    { name: '=cmd|calc', scopeMapName: null, passwords: [pwd('password2', DAY)] },
  );
  return buildOverview(spec);
}

describe('CSV', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, and nothing else', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('one\nline')).toBe('"one\nline"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(toCsv(['a', 'b'], [{ a: 'x', b: 'y,z' }])).toBe('a,b\r\nx,"y,z"\r\n');
  });

  it('neutralises every formula-starting character with a leading apostrophe', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${lead}SUM(A1:A2)`);
      const [[parsed]] = parseCsv(`${cell}\r\n`) as [[string]];
      expect(parsed, JSON.stringify(lead)).toBe(`'${lead}SUM(A1:A2)`);
    }
    expect(csvCell('=1+2,3')).toBe(`"'=1+2,3"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('parses back what it writes, cell for cell', () => {
    const rows = [
      { a: 'x', b: 'multi\r\nline, "quoted"' },
      { a: '', b: 'ümlaut' },
    ];
    const text = toCsv(['a', 'b'], rows);
    expect(parseCsv(text)).toEqual([['a', 'b'], ...rows.map((r) => [r.a, r.b])]);
  });
});

describe('streamed exports', () => {
  it('write in pieces exactly the CSV text of the whole table, header first, CRLF after every row', () => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({
      a: `=${i}`,
      b: i % 2 ? 'x,"y"' : null,
    }));
    const chunks = [...csvChunks(['a', 'b'], rows)];
    expect(chunks.length).toBe(3);
    const expected = ['a,b', ...rows.map((r) => `${csvCell(r.a)},${csvCell(r.b)}`)]
      .map((line) => `${line}\r\n`)
      .join('');
    expect(chunks.join('')).toBe(expected);
    expect([...csvChunks(['a'], [])]).toEqual(['a\r\n']);
  });

  it("write in pieces exactly JSON.stringify(doc, null, 2)'s text, reading the array lazily", () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({
      n: i,
      nested: { list: [i, 'two'], none: null, skipped: undefined },
      empty: [],
    }));
    let read = 0;
    function* lazy() {
      for (const item of items) {
        read += 1;
        yield item;
      }
    }
    type Doc = { stamp: { at: string }; list: typeof items; after: string[]; gone?: string };
    const gen = jsonChunks<Doc, 'list'>(
      { stamp: { at: 'now' }, list: null, after: ['x'], gone: undefined },
      'list',
      lazy(),
    );
    const first = gen.next();
    expect(first.done).toBe(false);
    expect(read).toBe(0);
    const text = (first.value as string) + [...gen].join('');
    expect(read).toBe(items.length);
    expect(text).toBe(
      JSON.stringify({ stamp: { at: 'now' }, list: items, after: ['x'] }, null, 2) + '\n',
    );
    const empty = [
      ...jsonChunks<Doc, 'list'>({ stamp: { at: 'x' }, list: null, after: [] }, 'list', []),
    ];
    expect(empty.join('')).toBe(
      JSON.stringify({ stamp: { at: 'x' }, list: [], after: [] }, null, 2) + '\n',
    );
  });
});

describe('file names and stamps', () => {
  it('names the export, the registry, the place and the minute in UTC, file-system safe', () => {
    const at = Date.parse('2026-11-27T22:15:59.999Z');
    expect(exportFileName('findings', ['contosoregistry'], at, 'csv')).toBe(
      'latchkey-findings-contosoregistry-20261127T2215Z.csv',
    );
    expect(exportFileName('effective-access', ['Reg', 'edge/../1'], at, 'json')).toBe(
      'latchkey-effective-access-reg-edge-1-20261127T2215Z.json',
    );
  });

  it('stamps the registry, scope, time and generator', () => {
    const o = sample();
    expect(exportStamp(o, NOW, 'edgeone')).toEqual({
      registry: { id: '/registries/testreg', name: 'testreg' },
      scope: 'connected registry edgeone',
      generatedAt: new Date(NOW).toISOString(),
      generator: 'Latchkey',
    });
    expect(exportStamp(o, NOW).scope).toBe('registry');
  });
});

describe('columns', () => {
  // These lists are a published contract (people script against the CSVs):
  // changing one is a breaking change and must be deliberate.
  it('keeps the documented column lists, none of which can hold a secret', () => {
    expect(findingColumns).toEqual([
      'severity',
      'findingId',
      'title',
      'targetKind',
      'targetName',
      'slot',
      'connectedRegistry',
      'target',
      'evidence',
      'why',
      'fix',
      'fixAction',
      'window',
      'key',
    ]);
    expect(tokenColumns).toEqual([
      'name',
      'kind',
      'kindDescription',
      'status',
      'scopeMap',
      'scopeMapType',
      'creationDate',
      'password1State',
      'password1Created',
      'password1Expiry',
      'password2State',
      'password2Created',
      'password2Expiry',
      'syncTokenOf',
      'acceptedBy',
    ]);
    expect(effectiveAccessColumns).toEqual([
      'place',
      'placeKind',
      'mode',
      'token',
      'tokenKind',
      'tokenStatus',
      'scopeMap',
      'repository',
      'permissions',
      'grantedBy',
      'ineffective',
      'ineffectiveBecause',
      'acceptedAs',
      'gateway',
    ]);
    expect(auditExportColumns).toEqual([
      'seq',
      'recordedAt',
      'kind',
      'actor',
      'action',
      'target',
      'outcome',
      'requestId',
      'intentId',
      'armRequestIds',
      'before',
      'after',
      'error',
      'prevHash',
      'hash',
      'id',
    ]);
    const all = [...findingColumns, ...tokenColumns, ...effectiveAccessColumns];
    expect(all.filter((c) => /secret|value|credential|connectionstring/i.test(c))).toEqual([]);
    // "password…" columns carry only a state or a date.
    expect(all.filter((c) => /password/i.test(c))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^password[12](State|Created|Expiry)$/)]),
    );
    expect(
      all.filter((c) => /password/i.test(c) && !/^password[12](State|Created|Expiry)$/.test(c)),
    ).toEqual([]);
  });

  it('gives every row exactly its columns', () => {
    const o = sample();
    const findings = findingRows(computeFindings(o, NOW));
    const tokens = tokenRows(tokenEntries(o, NOW));
    const access = effectiveAccessRows(effectiveAccessEntries(o).entries);
    expect(findings.length).toBeGreaterThan(0);
    for (const r of findings) expect(Object.keys(r)).toEqual([...findingColumns]);
    for (const r of tokens) expect(Object.keys(r)).toEqual([...tokenColumns]);
    for (const r of access) expect(Object.keys(r)).toEqual([...effectiveAccessColumns]);
  });
});

describe('contents', () => {
  it('lists every token with each slot state', () => {
    const rows = tokenRows(tokenEntries(sample(), NOW));
    expect(rows.map((r) => r.name)).toEqual([
      '=cmd|calc',
      'app-client',
      'cam-client',
      'edgeone',
      'old-ci',
      'siteone',
    ]);
    const old = rows.find((r) => r.name === 'old-ci')!;
    expect([old.password1State, old.password2State, old.kind]).toEqual([
      'expired',
      'missing',
      'unattached',
    ]);
    const odd = rows.find((r) => r.name === '=cmd|calc')!;
    expect([odd.password1State, odd.password2State, odd.scopeMap]).toEqual([
      'missing',
      'no-expiry',
      '',
    ]);
    const cam = rows.find((r) => r.name === 'cam-client')!;
    expect([cam.kind, cam.acceptedBy, cam.kindDescription]).toEqual([
      'client',
      'edgeone',
      'Client token of edgeone',
    ]);
    expect(rows.find((r) => r.name === 'edgeone')!.syncTokenOf).toBe('edgeone');
    // The formula-looking name is neutralised on its way into the CSV.
    expect(toCsv(tokenColumns, rows)).toContain(`\r\n'=cmd|calc,`);
  });

  it('shows write as ineffective on a ReadOnly edge and effective in the cloud', () => {
    const { entries, repositories } = effectiveAccessEntries(sample());
    expect(repositories).toEqual(['app/agent', 'app/api']);
    const cloud = entries.find((e) => e.place === 'cloud' && e.token === 'cam-client')!;
    expect(cloud.granted.map((g) => g.permission)).toEqual([...ALL]);
    const edge = entries.find((e) => e.place === 'edgeone' && e.token === 'cam-client')!;
    expect(edge.granted.map((g) => g.permission)).toEqual(['content/read', 'metadata/read']);
    expect(edge.removed.map((g) => [g.permission, g.reason])).toEqual([
      ['content/write', 'read-only-mode'],
      ['content/delete', 'read-only-mode'],
      ['metadata/write', 'read-only-mode'],
    ]);
    const [row] = effectiveAccessRows([edge]);
    expect(row).toMatchObject({
      place: 'edgeone',
      placeKind: 'connected-registry',
      mode: 'ReadOnly',
      permissions: 'content/read metadata/read',
      grantedBy: 'repositories/app/agent/content/read; repositories/app/agent/metadata/read',
      ineffective: 'content/write content/delete metadata/write',
      ineffectiveBecause: 'edgeone is ReadOnly: it serves pulls only',
    });
  });

  it('limits effective access to one connected registry and refuses an unknown one', () => {
    const { entries } = effectiveAccessEntries(sample(), 'EDGEONE');
    expect(new Set(entries.map((e) => e.place))).toEqual(new Set(['edgeone']));
    expect(entries.map((e) => e.token)).toEqual(['cam-client']);
    expect(() => effectiveAccessEntries(sample(), 'nowhere')).toThrow(/nowhere/);
    // The streamed form refuses before the response starts, not on its first read.
    expect(() => effectiveAccessEntryStream(sample(), 'nowhere')).toThrow(/nowhere/);
  });
});

describe('effective access, exhaustively', () => {
  // The export skips columns a scope map cannot cover; this checks the skip
  // loses nothing against asking the engine about every column.
  it('equals asking the engine about every token × column × place', () => {
    const parts = ['a', 'a/b', 'a/*', 'a/b/*', 'ab', 'ab/*', 'b/a', '*', 'c/d'];
    for (let seed = 1; seed <= 60; seed++) {
      const rng = seeded(seed);
      const spec = cleanSpec();
      const maps = ['m1', 'm2', 'm3'].map((name) => ({
        name,
        actions: Array.from(
          { length: 1 + rng.int(4) },
          () => `repositories/${rng.pick(parts)}/${rng.pick(repositoryPermissions)}`,
        ),
      }));
      spec.scopeMaps!.push(...maps);
      spec
        .scopeMaps!.find((m) => m.name === 'edgeone')!
        .actions.push(`repositories/${rng.pick(parts)}/content/read`);
      for (const t of spec.tokens!) {
        if (t.name === 'app-client' || t.name === 'cam-client')
          t.scopeMapName = rng.pick(['m1', 'm2', 'm3']);
      }
      spec.tokens!.push({ name: 'loose', scopeMapName: rng.pick(['m1', 'm2', 'm3']) });
      const o = buildOverview(spec);
      const idx = indexOverview(o);
      const expected: string[] = [];
      const add = (
        place: string,
        target: string,
        a: Pick<TokenAccess, 'token' | 'granted' | 'removed'> | TokenGatewayAccess,
      ) => {
        if (a.granted.length + a.removed.length > 0)
          expected.push(`${place} ${a.token} ${target} ${JSON.stringify([a.granted, a.removed])}`);
      };
      // Every place asks about the tokens it accepts: all on the cloud registry,
      // clients and children's sync tokens on a connected registry.
      for (const t of o.tokens) {
        const map = idx.scopeMapOf(t);
        if (!map) continue;
        for (const c of matrixColumns(o)) add('cloud', c, tokenAccess(t, map, c));
        for (const g of gatewayColumns(o))
          add('cloud', `gateway/${g}`, tokenGatewayAccess(t, map, g));
      }
      for (const cr of o.connectedRegistries) {
        const ctx = idx.context(cr);
        for (const { token: t } of acceptedAt(o, cr.name)) {
          const map = idx.scopeMapOf(t);
          if (!map) continue;
          for (const c of matrixColumns(o))
            add(cr.name, c, accessOnConnectedRegistry(ctx, t, map, c));
          for (const g of gatewayColumns(o))
            add(cr.name, `gateway/${g}`, gatewayAccessOnConnectedRegistry(ctx, t, map, g));
        }
      }
      const actual = effectiveAccessEntries(o).entries.map(
        (e) =>
          `${e.place} ${e.token} ${e.repository ?? `gateway/${e.gateway}`} ${JSON.stringify([e.granted, e.removed])}`,
      );
      expect(actual.sort(), `seed ${seed}`).toEqual(expected.sort());
    }
  });
});

describe('JSON documents', () => {
  it('round-trip through their schemas', () => {
    const o = sample();
    const stamp = exportStamp(o, NOW);
    const findings = { stamp, findings: computeFindings(o, NOW) };
    const tokens = { stamp, tokens: tokenEntries(o, NOW) };
    const access = { stamp, ...effectiveAccessEntries(o) };
    for (const [schema, doc] of [
      [findingsExportSchema, findings],
      [tokensExportSchema, tokens],
      [effectiveAccessExportSchema, access],
    ] as const) {
      expect(schema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    }
    expect(() =>
      tokensExportSchema.parse({ ...tokens, stamp: { ...stamp, generator: 'x' } }),
    ).toThrow();
  });

  it('turns audit records into rows with compact JSON and back through the schema', () => {
    const record = {
      seq: 7,
      id: 'r7',
      kind: 'outcome' as const,
      recordedAt: new Date(NOW).toISOString(),
      actor: 'avery@contoso.example',
      action: 'token.set-status',
      target: '/subscriptions/s/tokens/=x',
      requestId: 'req-1',
      intentId: 'r6',
      outcome: 'succeeded' as const,
      before: null,
      after: { status: 'disabled', note: 'a, "b"' },
      armRequestIds: ['arm-1', 'arm-2'],
      error: null,
      hash: 'h7',
      prevHash: 'h6',
    };
    const [row] = auditExportRows([record]);
    expect(row).toMatchObject({
      seq: 7,
      before: '',
      after: '{"status":"disabled","note":"a, \\"b\\""}',
      armRequestIds: 'arm-1; arm-2',
    });
    const parsed = parseCsv(toCsv(auditExportColumns, [row!]));
    expect(parsed[1]![auditExportColumns.indexOf('after')]).toBe(row!.after);
    const doc = {
      stamp: {
        scope: 'audit log' as const,
        generatedAt: record.recordedAt,
        generator: 'Latchkey' as const,
      },
      filters: { actor: 'avery@contoso.example' },
      truncated: false,
      limit: 50_000,
      records: [record],
    };
    expect(auditExportSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });
});
