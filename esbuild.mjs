// Bundles the extension (client), the language server and the CLI into single files.
import { build, context } from 'esbuild';
import { readFileSync } from 'fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// The extension's mocha suite for the extension host (test/vscode), bundled apart from the product.
const vscodeTests = process.argv.includes('--vscode-tests');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  define: { FANGAN_VERSION: JSON.stringify(version) },
};

const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js' },
];

if (vscodeTests) {
  const { readdirSync } = await import('fs');
  const suite = readdirSync('test/vscode/suite').filter((f) => f.endsWith('.ts')).map((f) => `test/vscode/suite/${f}`);
  await build({ ...common, entryPoints: suite, outdir: 'test/vscode/out', external: ['vscode', 'mocha'], sourcemap: 'inline' });
} else if (watch) {
  for (const options of bundles) await (await context(options)).watch();
} else {
  await Promise.all(bundles.map((options) => build(options)));
}
