import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, principalOf, type Principal } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import type { AdminRole } from '../store/account-store.ts';
import { esc, page } from './html.ts';

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

const LINKS: Array<{ href: string; label: string; role: AdminRole | null }> = [
  { href: '/', label: 'Overview', role: 'fleet-admin' },
  { href: '/fleet', label: 'Fleet', role: 'fleet-admin' },
  { href: '/catalogue', label: 'Catalogue', role: 'editor' },
  { href: '/author/', label: 'Authoring 内容编辑', role: 'editor' },
  { href: '/accounts', label: 'Accounts', role: 'fleet-admin' },
  { href: '/audit', label: 'Audit log', role: null },
];

/** The bar on every signed-in page: links the account may use, who is signed in, sign out. */
export function navBar(p: Principal): string {
  const links = LINKS.filter((l) => l.role === null || hasRole(p, l.role))
    .map((l) => `<a href="${l.href}">${esc(l.label)}</a>`)
    .join(' · ');
  const who = p.kind === 'token' ? 'admin token' : `${p.account.displayName} (${p.account.roles.join(', ')})`;
  return `<nav style="display:flex;gap:1em;align-items:center;border-bottom:1px solid #ccc;padding-bottom:.5em;margin-bottom:1em">${links}
<span style="margin-left:auto" data-signed-in="${esc(p.kind === 'token' ? 'token' : p.account.username)}">${esc(who)}</span>
<form method="post" action="/logout" style="margin:0"><button id="logout">Sign out</button></form></nav>`;
}

/** A whole signed-in page. */
export function adminPage(p: Principal, title: string, body: string): string {
  return page(title, `${navBar(p)}${body}`);
}

/**
 * Runs a page handler for a signed-in account with `role`: anonymous visitors go to the
 * sign-in page (and come back after it), an account without the role gets a 403 page.
 */
export async function withPage(req: FastifyRequest, reply: FastifyReply, deps: PlatformDeps, role: AdminRole | null, render: (p: Principal) => Promise<string> | string) {
  reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store');
  const p = await principalOf(req, deps);
  if (!p) return reply.redirect(`/login?next=${encodeURIComponent(req.url.slice(0, 512))}`, 303);
  if (role !== null && !hasRole(p, role)) return reply.code(403).send(adminPage(p, 'Not allowed', `<h1>Not allowed</h1><p>This page needs the ${esc(role)} role.</p>`));
  return render(p);
}
