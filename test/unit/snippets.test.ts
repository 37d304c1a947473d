import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DEFAULT_SETTINGS } from '../../server/src/service/workspace/settings';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { RULES } from '../../server/src/service/rules';
import { planSections } from '../../server/src/service/workspace/templates/resolve';
import { runText } from '../helpers/findings';

/** snippets/fangan.code-snippets: what a drafter gets by typing 实施方案 / ssfa, 牵头单位 / qtdw, … */

const ROOT = join(__dirname, '..', '..');
const PATH = join(ROOT, 'snippets', 'fangan.code-snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** The text VS Code inserts when every placeholder keeps its default (choices: the first). */
export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
      out += text[++i];
    } else if (c === '$') {
      let m: RegExpExecArray | null;
      const rest = text.slice(i);
      if ((m = /^\$\{\d+:([^}]*)\}/.exec(rest))) out += m[1];
      else if ((m = /^\$\{\d+\|([^,|]*)[^}]*\|\}/.exec(rest))) out += m[1];
      else if ((m = /^\$\d+/.exec(rest)) || (m = /^\$\{\d+\}/.exec(rest))) out += '';
      else throw new Error(`unsupported snippet syntax at ${rest.slice(0, 20)}`);
      i += m[0].length - 1;
    } else out += c;
  }
  return out;
}

describe('snippets', () => {
  const snippets = JSON.parse(readFileSync(PATH, 'utf8')) as Record<string, Snippet>;
  const codes = RULES.map((r) => r.meta.code).filter((c) => /^(section|subsection|template)-/.test(c));

  it('are contributed for fangan, plaintext and markdown', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const contributed = pkg.contributes.snippets as Array<{ language: string; path: string }>;
    assert.deepEqual(contributed.map((s) => s.language).sort(), ['fangan', 'markdown', 'plaintext']);
    assert.ok(contributed.every((s) => join(ROOT, s.path) === PATH));
  });

  it('each has a Chinese prefix, a pinyin-initials prefix and a description', () => {
    assert.ok(Object.keys(snippets).length >= 7);
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.some((p) => /^[\u4e00-\u9fff（）]+$/.test(p)), `${name}: no Chinese prefix`);
      assert.ok(prefixes.some((p) => /^[a-z]{2,}$/.test(p)), `${name}: no pinyin prefix`);
      assert.ok(s.description && s.description.length > 0, `${name}: no description`);
      assert.doesNotThrow(() => expandSnippet(s.body), name);
    }
    const all = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    for (const p of ['实施方案', 'ssfa', '牵头单位', 'qtdw', '工作目标', 'gzmb', '组织保障', 'zzbz']) assert.ok(all.includes(p), p);
  });

  for (const [name, templateId] of [
    ['法治社会建设实施方案（框架）', 'fazhi-shehui'],
    ['法治政府建设实施方案（框架）', 'fazhi-zhengfu'],
    ['实施方案（通用框架）', 'generic'],
  ] as const) {
    it(`${name} parses into every section of ${templateId}, with no section findings`, () => {
      const text = expandSnippet(snippets[name].body);
      const file = parsePlanFile(text);
      assert.equal(file.plans.length, 1);
      const sections = planSections({ file, plan: file.plans[0], settings: DEFAULT_SETTINGS });
      assert.equal(sections.template.id, templateId);
      assert.deepEqual(
        sections.template.sections.filter((s) => !sections.nodeOf(s.id)).map((s) => s.title),
        [],
        'sections the skeleton lacks',
      );
      assert.deepEqual(sections.matches.map((m) => m.section.id), sections.template.sections.map((s) => s.id), 'in order, each once');
      const findings = runText(text).diagnostics.filter((d) => codes.includes(String(d.code)));
      assert.deepEqual(findings.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), []);
    });
  }

  it('measure snippets parse as a measure with its units, in line and inline notation', () => {
    const line = parsePlanFile(`XX县法治社会建设实施方案\n一、加强权利保护\n${expandSnippet(snippets['措施（牵头单位、配合单位另起一行）'].body)}`);
    const measure = line.plans[0].nodes[0].children[0];
    assert.equal(measure.kind, 'measure');
    assert.deepEqual(measure.notes.map((n) => [n.role, n.notation, n.units.map((u) => u.name).join('、')]), [
      ['lead', 'line', '县司法局'],
      ['support', 'line', '各乡镇、各部门（单位）'],
    ]);
    const inline = parsePlanFile(`XX区法治社会建设实施方案\n一、加强权利保护\n${expandSnippet(snippets['措施（牵头单位写在段末括号内）'].body)}`);
    const m2 = inline.plans[0].nodes[0].children[0];
    assert.deepEqual(m2.notes.map((n) => [n.role, n.notation]), [
      ['lead', 'inline'],
      ['support', 'inline'],
    ]);
    const responsible = parsePlanFile(`XX县法治社会建设实施方案\n一、加强权利保护\n${expandSnippet(snippets['措施（责任单位另起一行）'].body)}`);
    assert.deepEqual(responsible.plans[0].nodes[0].children[0].notes.map((n) => n.role), ['responsible']);
  });

  it('the 组织保障 clauses parse as the 组织保障 section, none needing units', () => {
    const text = `XX县法治社会建设实施方案\n${expandSnippet(snippets['加强组织保障（标准条款）'].body)}`;
    const file = parsePlanFile(text);
    const sections = planSections({ file, plan: file.plans[0], settings: DEFAULT_SETTINGS });
    assert.equal(sections.matches[0]?.section.id, 'zuzhi-baozhang');
    const items = file.plans[0].nodes[0].children;
    assert.equal(items.length, 3);
    assert.ok(items.every((n) => sections.notesRequirement(n) === 'optional'));
  });
});
