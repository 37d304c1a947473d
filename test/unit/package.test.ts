import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../server/src/service/rules';

const ROOT = join(__dirname, '..', '..');
const VSCE = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');

/** What the .vsix holds: exactly what the installed extension uses (`vsce ls`, as `npm run package` packs it). */
describe('the package (.vsix) contents', function () {
  this.timeout(60000);

  it('vsce ls lists the bundles, manifest, translations, snippets, schemas, corpus, rule pages, icon, README, licence and changelog — nothing else', () => {
    for (const bundle of ['client/out/extension.js', 'server/out/server.js']) assert.ok(existsSync(join(ROOT, bundle)), `build first: ${bundle}`);
    const r = spawnSync(VSCE, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const listed = r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    const files = (dir: string, ext: string) =>
      existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`) : [];
    const expected = [
      'package.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
      ...files('l10n', '.json').filter((f) => /bundle\.l10n\.[\w-]+\.json$/.test(f)),
      'client/out/extension.js',
      'server/out/server.js',
      'snippets/fangan.code-snippets',
      'schemas/config.schema.json',
      'schemas/template.schema.json',
      'corpus/README.md',
      ...files('corpus/seeds', '.txt'),
      ...files('corpus/seeds', '.json'),
      ...RULES.map((rule) => `docs/rules/${rule.meta.code}.md`),
      ...files('docs/images', '.jpg'),
      'images/icon.png',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
    ].sort();
    assert.deepEqual(listed, expected);
    // No sources, tests, source maps, the CLI or dependencies.
    assert.ok(!listed.some((f) => /\.(ts|map)$|^(test|node_modules|scripts|bin)\/|cli\.js$/.test(f)));
  });

  it('the manifest has what the Marketplace and vsce ask for (no repository: the project has no public address yet)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['publisher', 'license', 'icon', 'categories', 'keywords', 'galleryBanner', 'displayName', 'description', 'engines', 'l10n']) {
      assert.ok(manifest[field], field);
    }
    assert.equal(manifest.repository, undefined);
    assert.ok(existsSync(join(ROOT, String(manifest.icon))));
    assert.ok((manifest.keywords as string[]).length <= 30);
  });
});
