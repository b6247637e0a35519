import type { Finding } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { validateAccessReviewSearch } from './access-review-search';
import { filterFindings } from './finding-filters';
import { cellName, chipsOf, gatewayChipsOf, permissionChips } from './permission-letters';

describe('validateAccessReviewSearch', () => {
  it('keeps known values', () => {
    expect(
      validateAccessReviewSearch({
        tab: 'matrix',
        severity: 'high',
        finding: 'password.expired',
        kind: 'token',
        q: 'edge',
        place: 'edgeline1',
        repository: 'factory/line-agent',
        permission: 'content/write',
        group: 'target',
        detail: 'password.expired:token:a:password1:',
      }),
    ).toEqual({
      tab: 'matrix',
      severity: 'high',
      finding: 'password.expired',
      kind: 'token',
      q: 'edge',
      place: 'edgeline1',
      repository: 'factory/line-agent',
      permission: 'content/write',
      group: 'target',
      detail: 'password.expired:token:a:password1:',
    });
  });

  it('drops unknown or malformed values instead of failing', () => {
    expect(
      validateAccessReviewSearch({
        tab: 'secrets',
        severity: 'urgent',
        finding: 'password.stolen',
        kind: 'user',
        q: '   ',
        place: 42,
        permission: 'content/everything',
        group: 'severity',
        detail: '',
      }),
    ).toEqual({});
  });

  it('takes a gateway question with a gateway permission, and drops a permission of the other family', () => {
    expect(
      validateAccessReviewSearch({ gateway: 'edgeline1', permission: 'message/write' }),
    ).toEqual({ gateway: 'edgeline1', permission: 'message/write' });
    expect(
      validateAccessReviewSearch({ gateway: 'edgeline1', permission: 'content/read' }),
    ).toEqual({ gateway: 'edgeline1' });
    expect(validateAccessReviewSearch({ permission: 'message/write' })).toEqual({});
  });

  it('bounds free text', () => {
    expect(validateAccessReviewSearch({ q: 'x'.repeat(500) }).q).toHaveLength(200);
  });
});

const f = (over: Partial<Finding> & Pick<Finding, 'id' | 'severity'>): Finding => ({
  key: `${over.id}:${over.target?.name ?? 't'}`,
  target: { kind: 'token', name: 't', label: 'token t' },
  title: over.id,
  why: '',
  fix: '',
  fixAction: 'token.generate-password',
  evidence: [],
  ...over,
});

const findings = [
  f({
    id: 'password.expired',
    severity: 'high',
    target: { kind: 'token', name: 'line1-camera01', label: 'token line1-camera01 slot password1' },
  }),
  f({
    id: 'password.expired',
    severity: 'high',
    target: { kind: 'token', name: 'ci-pipeline', label: 'token ci-pipeline' },
  }),
  f({
    id: 'scope-map.unused',
    severity: 'info',
    target: { kind: 'scope-map', name: 'old-team-pull', label: 'scope map old-team-pull' },
  }),
  f({
    id: 'client-token.disabled-attached',
    severity: 'low',
    target: {
      kind: 'token',
      name: 'line2-lost-tablet',
      connectedRegistry: 'edgeline2',
      label: 'token line2-lost-tablet on edgeline2',
    },
    evidence: ['status disabled'],
  }),
];
const names = (list: Finding[]) => list.map((x) => x.target.name);

describe('filterFindings', () => {
  it('returns everything without filters', () => {
    expect(filterFindings(findings, {})).toHaveLength(4);
  });
  it('filters by severity, finding type and target kind together', () => {
    expect(names(filterFindings(findings, { severity: 'high' }))).toEqual([
      'line1-camera01',
      'ci-pipeline',
    ]);
    expect(names(filterFindings(findings, { finding: 'scope-map.unused' }))).toEqual([
      'old-team-pull',
    ]);
    expect(names(filterFindings(findings, { kind: 'token', severity: 'low' }))).toEqual([
      'line2-lost-tablet',
    ]);
    expect(filterFindings(findings, { kind: 'scope-map', severity: 'high' })).toEqual([]);
  });
  it('matches text in the target, its connected registry and the evidence, ignoring case', () => {
    expect(names(filterFindings(findings, { q: 'EDGELINE2' }))).toEqual(['line2-lost-tablet']);
    expect(names(filterFindings(findings, { q: 'status disabled' }))).toEqual([
      'line2-lost-tablet',
    ]);
    expect(names(filterFindings(findings, { q: 'ci-' }))).toEqual(['ci-pipeline']);
  });
});

describe('permission chips', () => {
  it('are short words that differ in letters, not case, in canonical order, with full words for the accessible name', () => {
    expect(chipsOf(['metadata/read', 'content/read', 'content/write']).map((c) => c.label)).toEqual(
      ['Pull', 'Push', 'List'],
    );
    expect(chipsOf([])).toEqual([]);
    const labels = Object.values(permissionChips).map((c) => c.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    expect(gatewayChipsOf(['message/write', 'config/read']).map((c) => c.label)).toEqual([
      'Config read',
      'Msg write',
    ]);
    expect(cellName('north-build-agent', 'app/api', ['content/write', 'content/read'])).toBe(
      'north-build-agent on app/api: content read, content write',
    );
    expect(cellName('t', 'r', [])).toBe('t on r: no access');
  });
});
