// Vite build of the browser client into dist/web, which the node serves. Deliberately imports
// nothing from 'vite': its types pull in Node's globals, and this folder's type check keeps the
// browser code free of them. Vite validates the object at build time.

const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/** The few Vite options this client sets (see https://vite.dev/config/). */
interface ClientBuildConfig {
  readonly root: string;
  readonly base: string;
  readonly publicDir: false;
  readonly oxc: { readonly jsx: { readonly runtime: 'automatic'; readonly importSource: string } };
  readonly build: {
    readonly outDir: string;
    readonly emptyOutDir: boolean;
    readonly target: string;
    readonly sourcemap: boolean;
    readonly reportCompressedSize: boolean;
  };
  readonly server: {
    readonly fs: { readonly allow: readonly string[] };
    readonly proxy: Readonly<Record<string, { readonly target: string; readonly ws?: boolean }>>;
  };
}

/** `npx vite --config web/vite.config.ts` serves the client with hot reload against a node on 8080. */
const node = 'http://127.0.0.1:8080';

const config: ClientBuildConfig = {
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: {
    fs: { allow: [`${here}..`] },
    proxy: {
      '/ws': { target: node, ws: true },
      '/api': { target: node },
      '/metrics': { target: node },
    },
  },
};

export default config;
