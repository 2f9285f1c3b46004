/**
 * What the web client costs to download, from a built `dist/web` (run `npx vite build` first):
 * the initial JavaScript — the entry script named in `index.html` and the chunks it preloads,
 * which hold the home, pre-join and meeting pages — and every chunk loaded later on first use
 * (pages, the French catalogues, the meeting's polls and notes panels…), raw and gzipped
 * (zlib level 9). Prints a Markdown table; nothing is asserted.
 *
 *   node --import tsx bench/bundle.ts [dist/web]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const folder = process.argv[2] ?? 'dist/web';
const html = readFileSync(path.join(folder, 'index.html'), 'utf8');
const initial = [
  ...[...html.matchAll(/<script type="module"[^>]*src="\/assets\/([^"]+)"/g)].map((match) => match[1]),
  ...[...html.matchAll(/<link rel="modulepreload"[^>]*href="\/assets\/([^"]+)"/g)].map((match) => match[1]),
].filter((name): name is string => name !== undefined);

const sizeOf = (name: string) => {
  const bytes = readFileSync(path.join(folder, 'assets', name));
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

const first = initial.map(sizeOf);
const later = readdirSync(path.join(folder, 'assets'))
  .filter((name) => name.endsWith('.js') && !initial.includes(name))
  .map(sizeOf)
  .sort((a, b) => b.gzip - a.gzip);

const total = (sizes: { raw: number; gzip: number }[]) =>
  sizes.reduce((sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip }), { raw: 0, gzip: 0 });
const firstTotal = total(first);
console.log(`Initial JavaScript (${first.length} files): ${kB(firstTotal.raw)} raw, ${kB(firstTotal.gzip)} gzipped\n`);
console.log('| chunk | when | raw | gzip -9 |');
console.log('| --- | --- | --- | --- |');
for (const size of first) console.log(`| ${size.name} | initial | ${kB(size.raw)} | ${kB(size.gzip)} |`);
for (const size of later) console.log(`| ${size.name} | on first use | ${kB(size.raw)} | ${kB(size.gzip)} |`);
