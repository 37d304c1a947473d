/**
 * Counts, over the real-world fixtures, the error/warning findings of the lead-unit, numbering and
 * section families that no `#!` line announces (false alarms on correct text), the `#!` lines no
 * finding meets (missed defects), and the `#> measure`/`heading` lines the model reads otherwise.
 * A finding meets a `#!` line when its line and code agree (and the covered text, when `text=`
 * is given), one to one. Run: `npx tsx test/realworld/measure.ts [folder]` (add `--verbose` for each
 * miss); the folder defaults to the tuned fixtures, `test/realworld/holdout` holds plans the code was not
 * tuned on.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { walkNodes } from '../../server/src/service/model/walk';
import type { PlanNode } from '../../server/src/service/model/types';
import { parseFixture } from '../helpers/fixture';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const folderArgument = args.find((a) => !a.startsWith('--'));
const DIR = folderArgument === undefined ? join(__dirname, 'fixtures') : resolve(folderArgument);
if (!existsSync(DIR)) {
  console.error(`No fixture folder at ${DIR}`);
  process.exit(1);
}
const FAMILIES = ['lead-unit-', 'numbering-', 'section-', 'subsection-'];

const unitNames = (node: PlanNode, role: string) =>
  node.notes.filter((n) => n.role === role).flatMap((n) => n.units.map((u) => u.name)).join(',');

const totals = { findings: 0, planted: 0, falseAlarms: 0, missed: 0, modelLines: 0, modelWrong: 0 };
const rows: string[] = [];
for (const name of readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()) {
  const fixture = parseFixture(name, readFileSync(join(DIR, name), 'utf8'));
  const service = createLanguageService({ language: 'zh-cn' });
  const { settings } = service.readSettings((fixture.options as { settings?: unknown }).settings);
  const document = TextDocument.create(`file:///${name}`, 'fangan', 1, fixture.text);
  const findings = service
    .computeDiagnostics(document, settings)
    .filter((d) => (d.severity === 1 || d.severity === 2) && FAMILIES.some((f) => String(d.code).startsWith(f)));
  const expected = fixture.findings.filter((e) => FAMILIES.some((f) => e.head.startsWith(f)));
  const unmatched = new Set(findings.map((_, i) => i));
  let missed = 0;
  for (const e of expected) {
    const hit = [...unmatched].find((i) => {
      const d = findings[i];
      if (d.code !== e.head || d.range.start.line !== e.line) return false;
      return e.props.text === undefined || document.getText(d.range) === e.props.text.replace(/\\s/g, ' ');
    });
    if (hit === undefined) {
      missed++;
      if (verbose) console.log(`  missed ${name}:${e.fixtureLine} ${e.head} ${JSON.stringify(e.props)}`);
    } else unmatched.delete(hit);
  }
  if (verbose) for (const i of unmatched) console.log(`  false alarm ${name}:${findings[i].range.start.line + 1} ${String(findings[i].code)} ${String(findings[i].message)}`);
  const nodes = service.getModel(document).plans.flatMap((p) => [...walkNodes(p.nodes)]);
  let modelLines = 0;
  let modelWrong = 0;
  for (const e of fixture.model) {
    if (e.head !== 'measure' && e.head !== 'heading') continue;
    modelLines++;
    const node = nodes.find((n) => n.range.start.line === e.line);
    const p = e.props;
    const wrong =
      !node ||
      node.kind !== e.head ||
      (p.number !== undefined && String(node.marker?.number ?? null) !== p.number) ||
      ['lead', 'support', 'responsible'].some((role) => p[role] !== undefined && unitNames(node, role) !== p[role]) ||
      (node.deadline ?? undefined) !== p.deadline;
    if (wrong) {
      modelWrong++;
      if (verbose && node) console.log(`  model ${name}:${e.fixtureLine} ${JSON.stringify(p)} read ${node.kind} lead=${unitNames(node, 'lead')} support=${unitNames(node, 'support')} responsible=${unitNames(node, 'responsible')} deadline=${node.deadline}`);
      else if (verbose) console.log(`  model ${name}:${e.fixtureLine} no node`);
    }
  }
  const row = { findings: findings.length, planted: expected.length, falseAlarms: unmatched.size, missed, modelLines, modelWrong };
  for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += row[k];
  rows.push(`| ${name.slice(0, 5).replace(/-$/, '')} | ${row.findings} | ${row.planted} | ${row.falseAlarms} | ${row.missed} | ${row.modelLines} | ${row.modelWrong} |`);
}
console.log('| fixture | err/warn findings | planted | false alarms | missed | `#>` lines | model mismatches |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`| **total** | **${totals.findings}** | **${totals.planted}** | **${totals.falseAlarms}** | **${totals.missed}** | **${totals.modelLines}** | **${totals.modelWrong}** |`);
