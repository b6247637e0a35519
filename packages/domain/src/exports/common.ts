import { z } from 'zod/mini';
import { type RegistryOverview } from '../dto';

/**
 * Evidence exports: findings, the token inventory and effective access as
 * CSV rows (stable, documented column lists) and JSON documents (one zod
 * schema each), plus the audit log's export rows.
 *
 * Where the stamp goes: a JSON document carries it as `stamp`. A CSV file is
 * one header row then data rows, with no comment or preamble lines, because
 * spreadsheet and `csv` tools would read those as data; its stamp travels in
 * the file name (`exportFileName`) and in the response headers the BFF sets.
 *
 * Nothing here can carry a secret: the overview holds password slot metadata
 * (present, created, expiry), never a password value, and the column lists
 * are fixed.
 */

export const exportStampSchema = z.object({
  registry: z.object({ id: z.string(), name: z.string() }),
  /** "registry" for the whole registry, or "connected registry <name>". */
  scope: z.string(),
  generatedAt: z.string(),
  generator: z.literal('Latchkey'),
});
export type ExportStamp = z.infer<typeof exportStampSchema>;

export function exportStamp(
  overview: Pick<RegistryOverview, 'registry'>,
  generatedAt: number,
  connectedRegistry?: string,
): ExportStamp {
  return {
    registry: { id: overview.registry.id, name: overview.registry.name },
    scope: connectedRegistry ? `connected registry ${connectedRegistry}` : 'registry',
    generatedAt: new Date(generatedAt).toISOString(),
    generator: 'Latchkey',
  };
}

/** `latchkey-findings-contosoregistry-20261127T2215Z.csv`: what, where and when, file-system safe. */
export function exportFileName(
  what: string,
  parts: readonly string[],
  generatedAt: number,
  extension: string,
): string {
  const safe = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const d = new Date(generatedAt).toISOString(); // 2026-11-27T22:15:03.123Z
  const stamp = `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}Z`;
  return (
    ['latchkey', safe(what), ...parts.map(safe).filter(Boolean), stamp].join('-') + `.${extension}`
  );
}

// ---------------------------------------------------------------- CSV

export type CsvCell = string | number | boolean | null | undefined;

/** Cells a spreadsheet would run as a formula start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a leading formula character gets an apostrophe (OWASP's CSV
 * injection advice, so a token named "=HYPERLINK(…)" stays text), then RFC
 * 4180 quoting when the cell holds a comma, quote, CR or LF.
 */
export function csvCell(value: CsvCell): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180: CRLF line ends, a header row, every row the header's width. */
export function toCsv<C extends string>(
  columns: readonly C[],
  rows: Iterable<Record<C, CsvCell>>,
): string {
  return [...csvChunks(columns, rows)].join('');
}

/** How many rows or entries one chunk of a streamed export holds (a few hundred KB at most). */
const CHUNK_ROWS = 500;

/**
 * `toCsv` in pieces of `CHUNK_ROWS` rows, so a response can send a large
 * export as it is produced: rows are read from `rows` only when the next
 * chunk is asked for, and the joined chunks are exactly `toCsv`'s text.
 */
export function* csvChunks<C extends string>(
  columns: readonly C[],
  rows: Iterable<Record<C, CsvCell>>,
): Generator<string> {
  let lines = [columns.map(csvCell).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => csvCell(row[c])).join(','));
    if (lines.length >= CHUNK_ROWS) {
      yield lines.join('\r\n') + '\r\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\r\n') + '\r\n';
}

/**
 * `JSON.stringify(doc, null, 2) + '\n'` in pieces: the document's top-level
 * values are written whole, except the array under `streamed`, which is read
 * lazily (any iterable; `null` holds its place in `document`) and written
 * `CHUNK_ROWS` elements at a time. The
 * joined chunks are byte for byte what `JSON.stringify` writes for the same
 * document with that array materialised (exports.test.ts compares them).
 */
export function* jsonChunks<D extends object, K extends keyof D & string>(
  document: { [P in keyof D]: P extends K ? null : D[P] },
  streamed: K,
  items: Iterable<D[K] extends ReadonlyArray<infer I> ? I : never>,
): Generator<string> {
  const doc = document as Record<string, unknown>;
  const keys = Object.keys(doc).filter((k) => k === streamed || doc[k] !== undefined);
  if (!keys.includes(streamed)) keys.push(streamed);
  yield '{';
  for (const [i, key] of keys.entries()) {
    const head = `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (key !== streamed) {
      yield head + JSON.stringify(doc[key], null, 2).replaceAll('\n', '\n  ');
      continue;
    }
    let out = head + '[';
    let n = 0;
    for (const item of items) {
      out +=
        `${n === 0 ? '' : ','}\n    ` +
        JSON.stringify(item ?? null, null, 2).replaceAll('\n', '\n    ');
      if (++n % CHUNK_ROWS === 0) {
        yield out;
        out = '';
      }
    }
    yield out + (n === 0 ? ']' : '\n  ]');
  }
  yield '\n}\n';
}

/** The whole text of a chunked export (tests, and callers that need one string). */
export const joinChunks = (chunks: Iterable<string>): string => [...chunks].join('');

/** The inverse of `toCsv` (apostrophes stay: they are part of the cell as written). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Several values in one cell. */
export const cellList = (xs: readonly string[]) => xs.join('; ');
