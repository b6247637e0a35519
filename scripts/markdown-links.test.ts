// No Markdown file of the repository links outside it or at something missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorsOf, checkMarkdownLinks, linksOf } from './markdown-links';

const root = resolve(import.meta.dirname, '..');

describe('Markdown links of the repository', () => {
  it('stay inside it and reach what exists', () => {
    // Tracked files and new ones not yet committed (ignored ones excluded).
    const files = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.md'],
      { cwd: root, encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    expect(files).toContain('README.md');
    expect(files).toContain('docs/architecture.md');
    expect(checkMarkdownLinks(root, files)).toEqual([]);
  });
});

describe('the link checker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports links that leave, that miss, and anchors that do not exist', () => {
    mkdirSync(join(dir, 'repo/docs'), { recursive: true });
    writeFileSync(join(dir, 'outside.md'), '# Outside\n');
    writeFileSync(join(dir, 'repo/docs/a.md'), '# Title A\n\n## Two words, `code`\n');
    writeFileSync(
      join(dir, 'repo/README.md'),
      [
        '[ok](docs/a.md) [anchor](docs/a.md#two-words-code) [self](#readme)',
        '[out](../outside.md) [missing](docs/b.md) [bad anchor](docs/a.md#nope)',
        '[root](/docs/a.md) [file](file:///etc/passwd) [web](https://example.com/x)',
        '[ref]: ../outside.md',
        '<a href="docs/c.md">c</a>',
        '`[not a link](../nowhere.md)`',
        '```',
        '[not a link either](../nowhere.md)',
        '```',
        '# Readme',
      ].join('\n'),
    );
    const problems = checkMarkdownLinks(join(dir, 'repo'), ['README.md', 'docs/a.md']);
    expect(problems.map((p) => [p.link, p.problem])).toEqual([
      ['../outside.md', 'leaves the repository'],
      ['docs/b.md', 'points at a missing file'],
      ['docs/a.md#nope', 'has no heading #nope in docs/a.md'],
      ['file:///etc/passwd', 'a file: link points outside the repository'],
      ['../outside.md', 'leaves the repository'],
      ['docs/c.md', 'points at a missing file'],
    ]);
  });

  it('finds inline, reference and HTML links, and GitHub heading anchors', () => {
    expect(linksOf('[a](x.md "t") [b](y.md#s)\n[c]: w.md\n<img src="i.svg">')).toEqual([
      'x.md',
      'y.md#s',
      'w.md',
      'i.svg',
    ]);
    expect([...anchorsOf('# A b\n## A b\n### Local Azure: the `control` API')]).toEqual([
      'a-b',
      'a-b-1',
      'local-azure-the-control-api',
    ]);
  });
});
