/**
 * The checks behind e2e/privacy.e2e.ts (issue 18, no third-party requests), as plain functions:
 * whether a URL a page asked for is the server's own, what is wrong with a Content-Security-Policy,
 * the inline scripts of an HTML page, the other origins a built asset would fetch, and the routes
 * of the web client's router.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether `url` goes to the server at `serverUrl` itself, or needs no network at all (data:,
 * blob:, about:). WebSocket URLs count by host and port as http ones do; STUN and TURN URLs
 * (`turn:host:port?transport=udp`, no `//`) by host, since the relay listens on a port of its own.
 * Anything that is not a URL (a policy violation's `eval`) is no request and counts as own.
 */
export function isOwnUrl(url: string, serverUrl: string): boolean {
  const server = new URL(serverUrl);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  if (['turn:', 'turns:', 'stun:', 'stuns:'].includes(parsed.protocol)) {
    const host = parsed.pathname.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return host === server.hostname.replace(/^\[|\]$/g, '');
  }
  return parsed.host === server.host;
}

/** Source expressions that name no other origin: keywords, nonces and hashes. */
const ownSource = /^'(self|none|strict-dynamic|report-sample)'$|^'(nonce|sha256|sha384|sha512)-[^']+'$/i;
/** Schemes whose content never leaves the browser; fine for pictures and media, never for scripts. */
const localSchemes = ['data:', 'blob:', 'mediastream:'];
/** Directives that govern scripts (default-src stands in for the ones not given). */
const scriptDirectives = ['default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'worker-src'];
/** Directives whose values are not sources. */
const nonSourceDirectives = ['sandbox', 'report-to', 'require-trusted-types-for', 'trusted-types', 'upgrade-insecure-requests'];

/**
 * What is wrong with the Content-Security-Policy `policy` (the header's value), as sentences; an
 * empty list when it is strict: present, a default-src, sources limited to the page's own origin
 * (data:, blob: and mediastream: allowed except for scripts), nothing `'unsafe-…'`, and the page
 * neither framed by others (`frame-ancestors 'none'` or `'self'`) nor able to send forms or its
 * base elsewhere (`form-action`, `base-uri`).
 */
export function policyProblems(policy: string | undefined): string[] {
  if (!policy) return ['no Content-Security-Policy header'];
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  const problems: string[] = [];
  for (const [name, values] of directives) {
    if (nonSourceDirectives.includes(name)) continue;
    for (const value of values) {
      if (/^'unsafe-|^'wasm-unsafe-eval'$/i.test(value)) problems.push(`${name} allows ${value}`);
      else if (ownSource.test(value)) continue;
      else if (localSchemes.includes(value.toLowerCase())) {
        if (scriptDirectives.includes(name)) problems.push(`${name} allows scripts from ${value}`);
      } else if (name === 'report-uri' && value.startsWith('/')) continue;
      else problems.push(`${name} allows ${value}, which is not this server`);
    }
  }
  if (!directives.has('default-src')) problems.push('no default-src: whatever has no directive of its own may load from anywhere');
  const limitedToSelf = (name: string) => ["'none'", "'self'"].includes(directives.get(name)?.join(' ') ?? '');
  if (!limitedToSelf('frame-ancestors')) problems.push("frame-ancestors is not 'none' (or 'self'): other sites may frame the page");
  for (const name of ['form-action', 'base-uri']) {
    if (!limitedToSelf(name)) problems.push(`${name} is not 'self' or 'none'`);
  }
  return problems;
}

/** The inline scripts of an HTML page: `<script>` elements without `src`, event-handler attributes and `javascript:` URLs. */
export function inlineScripts(html: string): string[] {
  const found: string[] = [];
  for (const [, attributes = '', content = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/(^|\s)src\s*=/i.test(attributes)) found.push(`<script${attributes}>${content.trim().slice(0, 80)}</script>`);
  }
  for (const [, handler] of html.matchAll(/<[a-z][^>]*?\s(on[a-z]+)\s*=/gi)) found.push(`an event-handler attribute ${handler}=`);
  for (const [javascriptUrl] of html.matchAll(/\b(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/gi)) found.push(javascriptUrl);
  return found;
}

/** An absolute or protocol-relative URL to another host: `https://…`, `wss://…`, `//…`. */
const external = String.raw`((?:(?:https?|wss?):)?//[^\s"'\x60)<>,]+)`;
const quote = String.raw`["'\x60]`;

/**
 * Where each kind of file asks the browser to fetch something. Attribute and property names that
 * only name a link (`href` on `<a>`), a namespace (`xmlns`, `createElementNS`) or a schema's
 * identifier (`$schema`) are not requests and are not looked at.
 */
const requestPatterns: Record<'html' | 'css' | 'js', RegExp[]> = {
  html: [
    new RegExp(String.raw`<[a-z][^>]*?\s(?:src|poster|data|background|manifest)\s*=\s*["']?\s*${external}`, 'gi'),
    new RegExp(String.raw`<(?:link|use|image|feImage)\b[^>]*?\s(?:xlink:)?href\s*=\s*["']?\s*${external}`, 'gi'),
  ],
  css: [
    new RegExp(String.raw`(?<![\w-])url\(\s*["']?\s*${external}`, 'gi'),
    new RegExp(String.raw`@import\s+(?:url\()?\s*["']?\s*${external}`, 'gi'),
  ],
  js: [
    new RegExp(String.raw`\b(?:src|poster|xlinkHref)${quote}?\s*[:=]\s*${quote}\s*${external}`, 'g'),
    // Styles in strings: lower case, and not a method such as `new URL(…)` or `x.url(…)`.
    new RegExp(String.raw`(?<![\w.$])url\(\s*["']?\s*${external}`, 'g'),
    new RegExp(String.raw`@import\s+(?:url\()?\s*["']?\s*${external}`, 'g'),
    new RegExp(
      String.raw`\b(?:fetch|import|importScripts|sendBeacon|WebSocket|EventSource|Worker|SharedWorker|Request)\s*\(\s*${quote}\s*${external}`,
      'g',
    ),
    new RegExp(String.raw`\.open\(\s*${quote}[A-Za-z]+${quote}\s*,\s*${quote}\s*${external}`, 'g'),
  ],
};

/** `srcset` lists several candidates; each may be a URL. */
const srcsetPattern = new RegExp(String.raw`\bsrcset\s*[:=]\s*(${quote})([^"'\x60]*)\1`, 'gi');

/**
 * The other origins `text` (the content of a built file named `fileName`) would have a browser
 * fetch, each with the text around it: in HTML and SVG, `src`-like attributes and `<link>` hrefs;
 * in CSS, `url()` and `@import`; in JavaScript, `src`/`poster` properties and `fetch()`,
 * `import()`, `WebSocket()`, `EventSource()`, `sendBeacon()`, `Worker()` and XHR `open()`
 * targets; and, in every kind (styles live in markup and scripts too), `url()`, `@import` and
 * `srcset`. A namespace string like `http://www.w3.org/2000/svg` is not a request.
 */
export function externalReferences(fileName: string, text: string): { url: string; context: string }[] {
  const extension = path.extname(fileName).toLowerCase();
  const kind = ['.html', '.htm', '.svg'].includes(extension) ? 'html' : extension === '.css' ? 'css' : 'js';
  const patterns = kind === 'html' ? [...requestPatterns.html, ...requestPatterns.css] : requestPatterns[kind];
  const found: { url: string; context: string }[] = [];
  const note = (url: string, index: number) =>
    found.push({ url, context: text.slice(Math.max(0, index - 60), index + 100).replace(/\s+/g, ' ') });
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) note(match[1] ?? '', match.index);
  }
  for (const match of text.matchAll(srcsetPattern)) {
    for (const candidate of (match[2] ?? '').split(',')) {
      const url = candidate.trim().split(/\s+/)[0] ?? '';
      if (/^(?:(?:https?):)?\/\//i.test(url)) note(url, match.index);
    }
  }
  return found;
}

/**
 * The routes of the web client's router: the exact paths (`pagesByPath` and `/` in
 * src/web/app/App.tsx, and the network's `clean === '…'`) and the patterns (every `/^\/…$/`
 * regular expression the routers test paths with), read from their sources.
 */
export function clientRoutes(projectRoot: string): { exact: string[]; patterns: RegExp[] } {
  const sources = ['src/web/app/App.tsx', 'src/web/features/network/routes.tsx'].map((file) =>
    readFileSync(path.join(projectRoot, file), 'utf8'),
  );
  const exact = ['/'];
  const patterns: RegExp[] = [];
  for (const source of sources) {
    for (const [, route = ''] of source.matchAll(/^\s+'(\/[^']*)': \(\) =>/gm)) exact.push(route);
    for (const [, route = ''] of source.matchAll(/clean === '(\/[^']*)'/g)) exact.push(route);
    for (const [, pattern = ''] of source.matchAll(/\/(\^\\\/.*?)\/\.(?:exec|test)\(/g)) patterns.push(new RegExp(pattern));
  }
  return { exact, patterns };
}
