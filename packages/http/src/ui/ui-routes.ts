import { readFile } from 'node:fs/promises';
import { bytesAnswer, HttpProblem } from '../respond/json-answer.js';
import type { SurfaceAnswer } from '../respond/surface-answer.js';
import type { Route } from '../routing/route.js';

/** The inspector's files, shipped in the package's `ui/` folder (plain HTML, CSS and JS; nothing from a CDN). */
const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/**
 * The page may run only its own script and style and talk only to its own origin: no inline script, no
 * framing (clickjacking of the rollback button), no referrer carrying the prefix elsewhere.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

// The same relative path from src/ui/ (tests), dist/ui/ (tsc) and dist/bundle/ (the bundle): the package's ui/.
const UI_DIR = new URL('../../ui/', import.meta.url);

/** `GET {prefix}/ui` (the page) and `GET {prefix}/ui/{file}` (its script and style). */
export function uiRoutes(): Route[] {
  const cache = new Map<string, Promise<Buffer>>();
  const serve = async (name: string): Promise<SurfaceAnswer> => {
    const type = FILES[name];
    if (!type) throw new HttpProblem(404, 'NOT_FOUND', 'No such file in the inspector');
    let bytes = cache.get(name);
    if (!bytes) {
      bytes = readFile(new URL(name, UI_DIR));
      cache.set(name, bytes);
    }
    return bytesAnswer(await bytes, type, PAGE_HEADERS);
  };
  return [
    { path: '/ui', methods: { GET: () => serve('index.html') } },
    { path: '/ui/{param}', methods: { GET: ({ param }) => serve(param) } },
  ];
}
