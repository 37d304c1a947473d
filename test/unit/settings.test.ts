import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DEFAULT_SETTINGS, normalizeSettings, type FanganSettings } from '../../server/src/service/workspace/settings';

/**
 * Wrong-typed settings (issue #8): every setting the extension declares in package.json, given
 * values of every wrong JSON type, is reported once by name and falls back to its default; the
 * other settings given with it are kept. Settings read only by the client (trace) are skipped.
 */

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { type: string | string[]; enum?: string[]; default: unknown }> } };
};
const CLIENT_ONLY = new Set(['fangan.trace.server']);
const declared = Object.entries(manifest.contributes.configuration.properties).filter(([key]) => !CLIENT_ONLY.has(key));

/** `fangan.corpus.folders` → `{ corpus: { folders: value } }` (what VS Code hands the server). */
function nested(key: string, value: unknown): Record<string, unknown> {
  const path = key.split('.').slice(1);
  return path.reduceRight<Record<string, unknown>>((inner, part) => ({ [part]: inner }), value as Record<string, unknown>) as Record<string, unknown>;
}

function at(settings: FanganSettings, key: string): unknown {
  return key
    .split('.')
    .slice(1)
    .reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], settings);
}

const HOSTILE: unknown[] = [{ toString: 1 }, { valueOf: 1, toString: 1 }, 'x'.repeat(100_000)];
const WRONG: Record<string, unknown[]> = {
  string: [42, true, [], ['auto'], {}, 'bogus value!', ...HOSTILE],
  array: [42, true, 'a-folder', {}, ...HOSTILE],
  // fangan.source: a title or a path, or a list of them (its schema type is ["string", "array"])
  'string,array': [42, true, {}, [42], [{}], ['x'.repeat(100_000)], ...HOSTILE],
  // fangan.rules: severities by rule code
  object: [42, true, 'numbering-gap', ['numbering-gap'], { 'numbering-gap': 'loud' }, { 'numbering-gap': 3 }, ...HOSTILE],
};

describe('settings of every wrong type', () => {
  it('every declared setting is read by the service (the test knows them all)', () => {
    assert.ok(declared.length >= 4);
    for (const [key, schema] of declared) {
      assert.ok(WRONG[String(schema.type)], `${key}: no wrong values for type ${schema.type}`);
      assert.deepEqual(at(normalizeSettings(nested(key, schema.default)).settings, key), schema.default === 'auto' && key === 'fangan.template' ? 'auto' : schema.default, `${key}: its default is read as itself`);
    }
  });

  for (const [key, schema] of declared) {
    it(`${key}: each wrong value is named once, the default applies, the other settings are kept`, () => {
      for (const value of WRONG[String(schema.type)]) {
        // a valid value of every other setting beside the wrong one
        const others = declared.filter(([k]) => k !== key);
        let raw: Record<string, unknown> = {};
        for (const [k, s] of others) raw = merge(raw, nested(k, s.enum ? s.enum[s.enum.length - 1] : s.type === 'array' ? ['/plans'] : s.default));
        raw = merge(raw, nested(key, value));
        const { settings, problems } = normalizeSettings(raw);
        const label = `${key} = ${JSON.stringify(value).slice(0, 40)}`;
        assert.deepEqual(at(settings, key), at(DEFAULT_SETTINGS, key) ?? schema.default, `${label}: the default applies`);
        const mine = problems.filter((p) => p.setting.startsWith(key));
        assert.ok(mine.length >= 1, `${label}: reported`);
        assert.equal(problems.length, mine.length, `${label}: only this setting is reported`);
        for (const p of problems) {
          // a wrong severity inside fangan.rules names its rule code (the same message serves .fangan/config.json)
          const named = p.setting === key ? key : p.setting.slice(key.length + 1);
          assert.ok(p.message.zh.includes(named) && p.message.en.includes(named), `${label}: the message names the setting`);
          assert.ok(p.message.zh.length < 300 && p.message.en.length < 300, `${label}: the message is short`);
        }
        for (const [k, s] of others) {
          const expected = s.enum ? s.enum[s.enum.length - 1] : s.type === 'array' ? ['/plans'] : s.default;
          assert.deepEqual(at(settings, k), expected, `${label}: ${k} is kept`);
        }
      }
    });
  }

  it('a settings object of the wrong type, or with wrong-typed groups, gives the defaults and says so', () => {
    for (const [raw, reported] of [
      [42, ['fangan']],
      ['fangan', ['fangan']],
      [[], ['fangan']],
      [{ corpus: 'x', leadUnits: 7, rules: [] }, ['fangan.corpus', 'fangan.leadUnits', 'fangan.rules']],
    ] as const) {
      const { settings, problems } = normalizeSettings(raw);
      assert.deepEqual(
        [settings.activation, settings.corpus, settings.leadUnits, { ...settings.rules }],
        [DEFAULT_SETTINGS.activation, DEFAULT_SETTINGS.corpus, DEFAULT_SETTINGS.leadUnits, {}],
      );
      assert.deepEqual(problems.map((p) => p.setting).sort(), [...reported], JSON.stringify(raw));
    }
  });

  it('rule severities: wrong values are reported per rule and the others kept; __proto__ pollutes nothing', () => {
    const raw = JSON.parse('{"rules":{"numbering-gap":"off","lead-unit-missing":42,"__proto__":"error","section-missing":{"toString":1}}}');
    const { settings, problems } = normalizeSettings(raw);
    assert.deepEqual({ ...settings.rules }, { 'numbering-gap': 'off' });
    assert.equal(Object.getPrototypeOf(settings.rules), Object.prototype);
    assert.deepEqual(problems.map((p) => p.setting).sort(), ['fangan.rules.lead-unit-missing', 'fangan.rules.section-missing']);
    assert.equal(({} as Record<string, unknown>).error, undefined);
  });
});

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = prev && typeof prev === 'object' && !Array.isArray(prev) && v && typeof v === 'object' && !Array.isArray(v) ? merge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
