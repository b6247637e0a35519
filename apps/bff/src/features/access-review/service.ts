import {
  computeFindings,
  effectiveAccessColumns,
  effectiveAccessEntries,
  effectiveAccessRows,
  exportFileName,
  exportStamp,
  findingColumns,
  findingRows,
  toCsv,
  tokenColumns,
  tokenEntries,
  tokenRows,
  type EffectiveAccessExport,
  type ExportFormat,
  type ExportStamp,
  type FindingsExport,
  type RegistryOverview,
  type RegistryPath,
  type TokensExport,
} from '@latchkey/domain';
import { notFound } from '../../http/errors';
import type { RegistriesService } from '../registries/service';
import { renderAccessReport } from './report-html';

/** A file to send: its body, type and name, and the stamp the router puts in headers. */
export interface ExportFile {
  body: string;
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
        ? toCsv(findingColumns, findingRows(findings))
        : json({ stamp, findings } satisfies FindingsExport);
    return this.file('findings', [overview.registry.name], at, format, body, stamp);
  }

  async tokens(ref: RegistryPath, format: ExportFormat): Promise<ExportFile> {
    const overview = await this.registries.overview(ref);
    const at = this.now();
    const stamp = exportStamp(overview, at);
    const tokens = tokenEntries(overview, at);
    const body =
      format === 'csv'
        ? toCsv(tokenColumns, tokenRows(tokens))
        : json({ stamp, tokens } satisfies TokensExport);
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
    const { repositories, gateways, entries } = effectiveAccessEntries(overview, cr);
    const body =
      format === 'csv'
        ? toCsv(effectiveAccessColumns, effectiveAccessRows(entries))
        : json({ stamp, repositories, gateways, entries } satisfies EffectiveAccessExport);
    const parts = [overview.registry.name, ...(cr ? [cr] : [])];
    return this.file('effective-access', parts, at, format, body, stamp);
  }

  /** The printable report; `nonce` is this response's CSP style nonce. */
  async report(ref: RegistryPath, nonce: string): Promise<ExportFile> {
    const overview = await this.registries.overview(ref);
    const at = this.now();
    const stamp = exportStamp(overview, at);
    const body = renderAccessReport({
      overview,
      stamp,
      findings: computeFindings(overview, at),
      tokens: tokenEntries(overview, at),
      access: effectiveAccessEntries(overview).entries,
      nonce,
    });
    return {
      body,
      contentType: contentTypes.html,
      fileName: exportFileName('access-review', [overview.registry.name], at, 'html'),
      stamp,
    };
  }

  private file(
    what: string,
    parts: string[],
    at: number,
    format: ExportFormat,
    body: string,
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

const json = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';

/** The connected registry's name as Azure spells it, or 404 naming what was asked for. */
function placeOf(overview: RegistryOverview, name: string): string {
  const cr = overview.connectedRegistries.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!cr) throw notFound(`Connected registry ${name} of ${overview.registry.name}`);
  return cr.name;
}
