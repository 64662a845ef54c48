// Serves the built browser client (dist/web) with the right content types. Paths that are not
// files fall back to index.html so the client's own routes (/admin, /table/…) load the app.

import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

export class StaticFiles {
  readonly #root: string;

  constructor(root: string) {
    this.#root = normalize(root);
  }

  get available(): boolean {
    return existsSync(join(this.#root, 'index.html'));
  }

  /** Serves `urlPath`; returns false when there is nothing to serve. */
  serve(urlPath: string, res: ServerResponse, headOnly: boolean): boolean {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return false;
    }
    const candidate = normalize(join(this.#root, decoded));
    if (candidate !== this.#root && !candidate.startsWith(this.#root + sep)) return false;
    let file = candidate;
    if (!isFile(file)) {
      // Client-side routes: anything without a file extension is the app.
      if (extname(decoded) !== '') return false;
      file = join(this.#root, 'index.html');
      if (!isFile(file)) return false;
    }
    const immutable = decoded.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (headOnly) res.end();
    else createReadStream(file).pipe(res);
    return true;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
