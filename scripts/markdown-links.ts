// Checks the relative links of Markdown files: each must stay inside the
// repository and reach a file that exists (and, for `#anchor` into Markdown, a
// heading that exists). Links with a scheme (https:, mailto:) are not relative
// and are left alone; `file:` links point outside by definition and are refused.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

export interface LinkProblem {
  file: string;
  link: string;
  problem: string;
}

/** Text outside fenced code blocks, and without inline code unless `keepCode` (headings keep its text). */
function prose(markdown: string, keepCode = false): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      out.push('');
    } else if (marker) {
      fence = marker;
      out.push('');
    } else out.push(line.replace(/(`+)([^`]*?)\1/g, keepCode ? '$2' : ''));
  }
  return out.join('\n');
}

export function linksOf(markdown: string): string[] {
  const text = prose(markdown);
  const links: string[] = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)) links.push(m[1]!);
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) links.push(m[1]!);
  for (const m of text.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)\s*=\s*["']([^"']+)["']/gi)) {
    links.push(m[1]!);
  }
  return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown, true).split('\n')) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

export function checkMarkdownLinks(root: string, files: readonly string[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const top = resolve(root);
  for (const file of files) {
    const path = resolve(top, file);
    const markdown = readFileSync(path, 'utf8');
    for (const link of linksOf(markdown)) {
      const report = (problem: string) => problems.push({ file, link, problem });
      if (/^file:/i.test(link)) {
        report('a file: link points outside the repository');
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue;
      const [rawPath = '', fragment] = link.split('#', 2) as [string, string | undefined];
      let targetPath: string;
      try {
        targetPath = decodeURIComponent(rawPath.split('?')[0]!);
      } catch {
        report('is not a valid URL path');
        continue;
      }
      // A leading "/" is the repository root, as the forges render it.
      const target =
        targetPath === ''
          ? path
          : isAbsolute(targetPath)
            ? resolve(top, `.${targetPath}`)
            : resolve(dirname(path), targetPath);
      const inside = relative(top, target);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        report('leaves the repository');
        continue;
      }
      if (!existsSync(target)) {
        report('points at a missing file');
        continue;
      }
      if (fragment && target.endsWith('.md') && statSync(target).isFile()) {
        if (!anchorsOf(readFileSync(target, 'utf8')).has(fragment.toLowerCase())) {
          report(`has no heading #${fragment} in ${relative(top, target)}`);
        }
      }
    }
  }
  return problems;
}
