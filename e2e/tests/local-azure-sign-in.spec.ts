import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eDataDir, e2ePorts } from '../ports';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { getScenario } from '../../packages/local-azure/src/scenario/index';

// The demo scenario's people and apps, read from its definition.
const demo = getScenario('demo', new Date());
const tenant = demo.tenants[0]!;
const consoleClient = demo.clients.find((c) => c.displayName === 'Latchkey console')!;
const front = `http://127.0.0.1:${e2ePorts.idpFrontChannel}`;
const https = `https://127.0.0.1:${e2ePorts.idp}`;
const callback = 'http://127.0.0.1:18499/auth/callback';
// The launcher's data folder (it moves with E2E_PORT_OFFSET), relative to the e2e folder.
const caPem = () =>
  readFileSync(resolve(import.meta.dirname, '..', e2eDataDir, 'local-azure/tls/ca.pem'));

function postForm(
  url: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, string> }> {
  return new Promise((done, fail) => {
    const body = new URLSearchParams(form).toString();
    const req = request(
      url,
      {
        method: 'POST',
        ca: caPem(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

test('the sign-in page lists the personas, passes axe, and signs in without any certificate prompt', async ({
  page,
}) => {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(12).toString('base64url');
  const authorize = new URL(`${front}/${tenant.id}/oauth2/v2.0/authorize`);
  authorize.search = new URLSearchParams({
    client_id: consoleClient.clientId,
    response_type: 'code',
    response_mode: 'query',
    redirect_uri: callback,
    scope: 'https://management.azure.com/user_impersonation openid profile offline_access',
    state,
    nonce: randomBytes(12).toString('base64url'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();

  const visited: string[] = [];
  page.on('request', (r) => visited.push(r.url()));
  await page.route('http://127.0.0.1:18499/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback reached' }),
  );

  await page.goto(authorize.toString());
  await expect(page).toHaveTitle(/sign in/i);
  for (const persona of demo.personas.filter((p) => p.tenantId === tenant.id)) {
    await expect(page.getByRole('button', { name: new RegExp(persona.name) })).toBeVisible();
  }
  await expect(page.getByText('No console role').first()).toBeVisible();

  await expectNoSeriousAxeViolations(page);

  const admin = demo.personas.find((p) => p.consoleRoles.includes('Latchkey.Admin'))!;
  await page.getByRole('button', { name: new RegExp(admin.name) }).click();
  await page.waitForURL((url) => url.toString().startsWith(callback));
  const landed = new URL(page.url());
  expect(landed.searchParams.get('state')).toBe(state);
  const code = landed.searchParams.get('code');
  expect(code).toBeTruthy();

  // The browser only ever spoke plain HTTP to loopback: no certificate to meet.
  expect(visited.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);

  // The code issued on the front channel redeems on the HTTPS token endpoint.
  const token = await postForm(`${https}/${tenant.id}/oauth2/v2.0/token`, {
    grant_type: 'authorization_code',
    client_id: consoleClient.clientId,
    client_secret: consoleClient.clientSecret,
    code: code!,
    redirect_uri: callback,
    code_verifier: verifier,
    scope: 'https://management.azure.com/user_impersonation openid profile offline_access',
  });
  expect(token.status).toBe(200);
  const idClaims = JSON.parse(
    Buffer.from(token.body.id_token!.split('.')[1]!, 'base64url').toString(),
  ) as { name: string; roles: string[] };
  expect(idClaims.name).toBe(admin.name);
  expect(idClaims.roles).toEqual(admin.consoleRoles);
});
