// A host page on another origin for the widget tests: a tiny HTTP server
// with a strict CSP that allows the verso host's script and frame and
// nothing else — no 'wasm-unsafe-eval', no inline script.

import { createServer } from 'node:http';

/**
 * @param {string} versoOrigin where widget.js and the frame come from
 * @param {Record<string, Buffer>} files PDFs the host serves itself, by path
 */
export async function startHost(versoOrigin, files = {}) {
  const page = (attrs) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host page</title>
<link rel="stylesheet" href="/host.css">
<script type="module" src="${versoOrigin}/widget.js"></script></head>
<body><main><h1>Contracts of Example Ltd</h1>
<p>Check the signed contract below; the file is checked in your browser.</p>
<verso-verify ${attrs}></verso-verify></main></body></html>`;
  const csp = `default-src 'none'; script-src ${versoOrigin}; frame-src ${versoOrigin}; ` +
    "connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://host');
    res.setHeader('Content-Security-Policy', csp);
    if (url.pathname === '/host.css') {
      res.setHeader('Content-Type', 'text/css');
      res.end('body{font-family:system-ui,sans-serif;margin:0;background:#fafafa;color:#222}main{max-width:52rem;margin:0 auto;padding:2rem 1rem}' +
        '@media (prefers-color-scheme: dark){body{background:#111;color:#eee}}');
      return;
    }
    if (files[url.pathname]) {
      res.setHeader('Content-Type', 'application/pdf');
      res.end(files[url.pathname]);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (url.pathname === '/') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page(url.searchParams.get('attrs') ?? ''));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // "localhost" and "127.0.0.1" are different origins: the relay answers on
  // 127.0.0.1, the host on localhost.
  return { url: `http://localhost:${server.address().port}`, stop: () => new Promise((r) => server.close(r)) };
}
