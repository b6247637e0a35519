// What one list page costs local Azure's ARM emulator, for `demo` and `large`,
// seen from the real SDK (client-side wall time) and from the emulator itself
// (its own handling time per request, from the control API's request log).
// Later benchmarks inject ARM latency on top; this shows the emulator's own
// share stays far below it. Figures are printed, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { startLocalAzure, type ScenarioName } from '@latchkey/local-azure';
import { clientCredentialToken } from '@latchkey/local-azure/test-helpers';

interface Row {
  scenario: ScenarioName;
  list: string;
  items: number;
  pages: number;
  clientMsPerPage: number;
  emulatorMsPerPage: number;
}

const ROUNDS = 3;

async function measure(scenario: ScenarioName): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), `latchkey-bench-${scenario}-`));
  const azure = await startLocalAzure({ dataDir, scenario, persist: false });
  try {
    const data = azure.scenario();
    const registry = data.registries.find((r) => r.sku === 'Premium')!;
    const app = data.clients.find(
      (c) => c.appRoles.length > 0 && c.displayName.includes('automation'),
    )!;
    const token = await clientCredentialToken({
      authority: azure.identity.authority(app.tenantId),
      knownAuthority: azure.identity.knownAuthority,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      caPem: azure.caPem,
    });
    const credential = {
      getToken: async () => ({
        token: token.accessToken,
        expiresOnTimestamp: token.expiresOn!.getTime(),
      }),
    };
    const client = new ContainerRegistryManagementClient(credential, registry.subscriptionId, {
      endpoint: azure.armEndpoint,
      tlsOptions: { ca: azure.caPem },
    });
    const rg = registry.resourceGroup;
    const name = registry.name;
    const lists: Array<[string, string, () => AsyncIterable<unknown>]> = [
      ['tokens', 'Tokens_List', () => client.tokens.list(rg, name)],
      ['scopeMaps', 'ScopeMaps_List', () => client.scopeMaps.list(rg, name)],
      [
        'connectedRegistries',
        'ConnectedRegistries_List',
        () => client.connectedRegistries.list(rg, name),
      ],
    ];
    const rows: Row[] = [];
    for (const [label, operation, list] of lists) {
      // One warm-up walk (JIT, TLS session), then measured rounds.
      for await (const _ of list());
      let items = 0;
      let pages = 0;
      let clientMs = 0;
      let emulatorMs = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        azure.emulator.control.resetCounters();
        const started = performance.now();
        items = 0;
        for await (const _ of list()) items += 1;
        clientMs += performance.now() - started;
        const log = azure.emulator.control.requests(1000).filter((r) => r.operation === operation);
        const counted = azure.emulator.control.counters().byOperation[operation] ?? 0;
        pages += counted;
        emulatorMs += log.slice(-counted).reduce((sum, r) => sum + r.ms, 0);
      }
      rows.push({
        scenario,
        list: label,
        items,
        pages: pages / ROUNDS,
        clientMsPerPage: clientMs / pages,
        emulatorMsPerPage: emulatorMs / pages,
      });
    }
    return rows;
  } finally {
    await azure.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchEmulatorListPages(): Promise<void> {
  const rows = [...(await measure('demo')), ...(await measure('large'))];
  console.log(
    '\nLocal Azure: cost of one ARM list page (page size 50), real SDK over loopback HTTPS',
  );
  console.log(
    [
      'scenario',
      'list',
      'items',
      'pages',
      'SDK ms/page',
      'emulator ms/page',
      'emulator share',
    ].join('\t'),
  );
  for (const r of rows) {
    console.log(
      [
        r.scenario,
        r.list,
        r.items,
        r.pages,
        r.clientMsPerPage.toFixed(2),
        r.emulatorMsPerPage.toFixed(2),
        `${((100 * r.emulatorMsPerPage) / r.clientMsPerPage).toFixed(0)}%`,
      ].join('\t'),
    );
  }
  for (const list of ['tokens', 'scopeMaps', 'connectedRegistries']) {
    const demo = rows.find((r) => r.scenario === 'demo' && r.list === list)!;
    const large = rows.find((r) => r.scenario === 'large' && r.list === list)!;
    console.log(
      `${list}: large has ${(large.items / Math.max(1, demo.items)).toFixed(0)}× the items of demo; ` +
        `emulator ms per page large/demo = ${(large.emulatorMsPerPage / demo.emulatorMsPerPage).toFixed(2)}`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.emulatorMsPerPage));
  console.log(
    `Worst emulator time per page: ${worst.toFixed(2)} ms (vs. the 50 ms ARM latency later benchmarks inject).`,
  );
}

if (import.meta.filename === process.argv[1]) {
  await benchEmulatorListPages();
}
