import {
  computeFindings,
  csvChunks,
  effectiveAccessColumns,
  effectiveAccessEntryStream,
  effectiveAccessRowStream,
  exportFileName,
  exportStamp,
  findingColumns,
  findingRows,
  jsonChunks,
  tokenColumns,
  tokenEntries,
  tokenRows,
  type EffectiveAccessExport,
  type ExportFormat,
  type ExportStamp,
  type FindingsExport,
  type RegistryOverview,
  type RegistryPath,
  type ReportSection,
  type TokensExport,
} from '@latchkey/domain';
import { notFound } from '../../http/errors';
import type { RegistriesService } from '../registries/service';
import { reportChunks } from './report-html';

/**
 * A file to send: its body in the pieces it is produced in (the router streams
 * them), its type and name, and the stamp the router puts in headers.
 */
export interface ExportFile {
  body: Iterable<string>;
  contentType: string;
  fileName: string;
  stamp: ExportStamp;
}

const contentTypes: Record<ExportFormat | 'html', string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/**
 * Evidence for reviewers: every export is computed from the same overview the
 * screens and the findings route read (no extra ARM calls), stamped with the
 * registry and the moment it was generated.
 */
export class AccessReviewService {
  constructor(
    private readonly registries: RegistriesService,
    private readonly now: () => number = Date.now,
  ) {}

  async findings(ref: RegistryPath, format: ExportFormat): Promise<ExportFile> {
    const overview = await this.registries.overview(ref);
    const at = this.now();
    const stamp = exportStamp(overview, at);
    const findings = computeFindings(overview, at);
    const body =
      format === 'csv'
        ? csvChunks(findingColumns, findingRows(findings))
        : jsonChunks<FindingsExport, 'findings'>({ stamp, findings: null }, 'findings', findings);
    return this.file('findings', [overview.registry.name], at, format, body, stamp);
  }

  async tokens(ref: RegistryPath, format: ExportFormat): Promise<ExportFile> {
    const overview = await this.registries.overview(ref);
    const at = this.now();
    const stamp = exportStamp(overview, at);
    const tokens = tokenEntries(overview, at);
    const body =
      format === 'csv'
        ? csvChunks(tokenColumns, tokenRows(tokens))
        : jsonChunks<TokensExport, 'tokens'>({ stamp, tokens: null }, 'tokens', tokens);
    return this.file('tokens', [overview.registry.name], at, format, body, stamp);
  }

  async effectiveAccess(
    ref: RegistryPath,
    format: ExportFormat,
    connectedRegistry?: string,
  ): Promise<ExportFile> {
    const overview = await this.registries.overview(ref);
    const cr = connectedRegistry ? placeOf(overview, connectedRegistry) : undefined;
    const at = this.now();
    const stamp = exportStamp(overview, at, cr);
    // Entries are computed as the response takes them: tens of MB on a large registry.
    const { repositories, gateways, entries } = effectiveAccessEntryStream(overview, cr);
    const body =
      format === 'csv'
        ? csvChunks(effectiveAccessColumns, effectiveAccessRowStream(entries))
        : jsonChunks<EffectiveAccessExport, 'entries'>(
            { stamp, repositories, gateways, entries: null },
            'entries',
            entries,
          );
    const parts = [overview.registry.name, ...(cr ? [cr] : [])];
    return this.file('effective-access', parts, at, format, body, stamp);
  }

  /**
   * The printable report's page `section`; `nonce` is this response's CSP
   * style nonce. Each page computes only what it shows: the summary and the
   * findings need the findings, the inventory its entries, effective access
   * its entries (produced while the page is written).
   */
  async report(ref: RegistryPath, section: ReportSection, nonce: string): Promise<ExportFile> {
    const overview = await this.registries.overview(ref);
    const at = this.now();
    const stamp = exportStamp(overview, at);
    const wants = (...sections: ReportSection[]) => sections.includes(section);
    const body = reportChunks({
      overview,
      stamp,
      section,
      findings: wants('summary', 'findings', 'all') ? computeFindings(overview, at) : undefined,
      tokens: wants('tokens', 'all') ? tokenEntries(overview, at) : undefined,
      access: wants('effective-access', 'all')
        ? effectiveAccessEntryStream(overview).entries
        : undefined,
      nonce,
    });
    const what = section === 'all' ? 'access-review' : `access-review-${section}`;
    return {
      body,
      contentType: contentTypes.html,
      fileName: exportFileName(what, [overview.registry.name], at, 'html'),
      stamp,
    };
  }

  private file(
    what: string,
    parts: string[],
    at: number,
    format: ExportFormat,
    body: Iterable<string>,
    stamp: ExportStamp,
  ): ExportFile {
    return {
      body,
      contentType: contentTypes[format],
      fileName: exportFileName(what, parts, at, format),
      stamp,
    };
  }
}

/** The connected registry's name as Azure spells it, or 404 naming what was asked for. */
function placeOf(overview: RegistryOverview, name: string): string {
  const cr = overview.connectedRegistries.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!cr) throw notFound(`Connected registry ${name} of ${overview.registry.name}`);
  return cr.name;
}
