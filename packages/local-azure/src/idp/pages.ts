import type { ScenarioPersona } from '../scenario/types';

/** Where the pages' stylesheet and the logout auto-submit script are served (both channels). */
export const STATIC_PREFIX = '/local-azure/static/';
export const STYLESHEET_PATH = `${STATIC_PREFIX}local-azure.css`;
export const LOGOUT_SCRIPT_PATH = `${STATIC_PREFIX}logout.js`;
export const FAVICON_PATH = `${STATIC_PREFIX}favicon.svg`;

/** The sign-in pages' own tab icon (a key on grey: not the console's, this is a stand-in for Entra). */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#5c5c5c"/><circle cx="11" cy="16" r="5" fill="none" stroke="#fff" stroke-width="3"/><path d="M16 16h11M23 16v5M27 16v4" fill="none" stroke="#fff" stroke-width="3"/></svg>`;

/**
 * No inline script or style anywhere: the pages must work under the same
 * strict CSP the console uses. `form-action` is left open on purpose: browsers
 * apply it to the redirects that follow a form post, and sign-in and logout
 * both end in a redirect to the client.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// Colours checked for WCAG AA contrast on white: #1b1b1b (16:1), #605e5c (6.2:1), #0067b8 (5.6:1).
export const STYLESHEET = `
*{box-sizing:border-box}
body{margin:0;background:#f2f2f2;color:#1b1b1b;font:15px/1.45 "Segoe UI",system-ui,-apple-system,sans-serif}
main{max-width:30rem;margin:3rem auto;padding:2rem 2.5rem;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.brand{margin:0 0 1rem;color:#605e5c;font-weight:600}
h1{margin:0 0 .5rem;font-size:1.5rem;font-weight:600}
p{margin:.25rem 0 1rem}
.muted{color:#605e5c}
ul.personas{list-style:none;margin:0;padding:0}
ul.personas li{margin:0 0 .75rem}
ul.personas form{margin:0}
button{font:inherit;cursor:pointer}
button.persona{display:block;width:100%;text-align:left;padding:.75rem 1rem;background:#fff;color:#1b1b1b;border:1px solid #8a8886;border-radius:2px}
button.persona:hover{background:#f3f2f1}
button:focus-visible{outline:3px solid #0067b8;outline-offset:2px}
.persona .name{display:block;font-weight:600}
.persona .username,.persona .roles,.persona .azure{display:block;color:#605e5c;font-size:.9rem}
button.primary{padding:.5rem 1.5rem;background:#0067b8;color:#fff;border:1px solid #0067b8;border-radius:2px}
button.link{padding:0;background:none;border:none;color:#0067b8;text-decoration:underline}
.error-code{font-family:ui-monospace,Consolas,monospace;color:#1b1b1b}
`;

/** Submits the logout confirmation as soon as it loads, so logout needs no click; the button remains for no-JS browsers. */
export const LOGOUT_SCRIPT = `document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('logout-form');
  if (form) form.submit();
});
`;

function layout(title: string, body: string, extraHead = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">
${extraHead}</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function consoleRoleLabel(persona: ScenarioPersona): string {
  return persona.consoleRoles.length > 0 ? persona.consoleRoles.join(', ') : 'No console role';
}

export interface SignInPageInput {
  tenantName: string;
  clientName: string | undefined;
  personas: ScenarioPersona[];
  /** Path the persona forms post to. */
  action: string;
  /** Path the cancel form posts to. */
  abortAction: string;
}

export function renderSignInPage(input: SignInPageInput): string {
  const items = input.personas
    .map((persona, index) => {
      const id = `persona-${index + 1}`;
      return `<li>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="oid" value="${escapeHtml(persona.oid)}">
<button type="submit" class="persona" id="${id}">
<span class="name">${escapeHtml(persona.name)}</span>
<span class="username">${escapeHtml(persona.username)}</span>
<span class="roles">Console role: ${escapeHtml(consoleRoleLabel(persona))}</span>
<span class="azure">Azure: ${escapeHtml(persona.azureRoleSummary)}</span>
</button>
</form>
</li>`;
    })
    .join('\n');
  const continueTo = input.clientName
    ? `<p class="muted">to continue to ${escapeHtml(input.clientName)}</p>`
    : '';
  const list =
    input.personas.length > 0
      ? `<ul class="personas" aria-label="Accounts">\n${items}\n</ul>`
      : '<p>This tenant has no personas in the loaded scenario.</p>';
  return layout(
    'Sign in to your account — Local Azure',
    `<p class="brand">Local Azure · ${escapeHtml(input.tenantName)}</p>
<h1>Pick an account</h1>
${continueTo}
<p>Local sign-in for development: choose a persona. No password is needed.</p>
${list}
<form method="post" action="${escapeHtml(input.abortAction)}">
<button type="submit" class="link">Cancel sign-in</button>
</form>`,
  );
}

export function renderLogoutPage(input: {
  action: string;
  xsrf: string;
  switching?: boolean;
}): string {
  return layout(
    input.switching ? 'Switching account — Local Azure' : 'Sign out — Local Azure',
    `<p class="brand">Local Azure</p>
<h1>${input.switching ? 'Signing out the previous account…' : 'Signing you out…'}</h1>
<form id="logout-form" method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="xsrf" value="${escapeHtml(input.xsrf)}">
<input type="hidden" name="logout" value="yes">
<p class="muted">If nothing happens, continue manually.</p>
<button type="submit" class="primary">Sign out</button>
</form>`,
    `<script src="${LOGOUT_SCRIPT_PATH}" defer></script>\n`,
  );
}

export function renderSignedOutPage(): string {
  return layout(
    'Signed out — Local Azure',
    `<p class="brand">Local Azure</p>
<h1>You signed out of your account</h1>
<p>It's a good idea to close all browser windows.</p>`,
  );
}

export function renderErrorPage(input: { error: string; description?: string }): string {
  return layout(
    'Sign in to your account — Local Azure',
    `<p class="brand">Local Azure</p>
<h1>Sorry, but we're having trouble signing you in.</h1>
<p><span class="error-code">${escapeHtml(input.error)}</span></p>
${input.description ? `<p>${escapeHtml(input.description)}</p>` : ''}`,
  );
}
