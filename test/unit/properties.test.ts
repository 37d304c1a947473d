import { strict as assert } from 'assert';
import fc from 'fast-check';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Position, TextEdit } from 'vscode-languageserver-types';
import { createFsHost } from '../../server/src/node/fsHost';
import { CORPUS_ACTION_KIND } from '../../server/src/service/features/corpusActions';
import { isIgnoreAction, FIX_ALL_KIND } from '../../server/src/service/features/codeActions';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import { walkNodes } from '../../server/src/service/model/walk';
import { anyDocument, insertedText, perturbedPlan, planDocument } from '../helpers/arbitraryPlan';
import { actionEdits, assertInside, lspLines, unmapOffset, withoutMarkers } from '../helpers/invariants';

/**
 * Properties of the whole pure service on arbitrary documents (test/helpers/arbitraryPlan.ts:
 * plans in every numbering form, damaged plans, plans with arbitrary Unicode spliced in — lone
 * surrogates, CR/CRLF/U+2028 line ends, BOM — line soup and token soup).
 *
 * Run counts keep `npm test` fast; FANGAN_PROPERTY_RUNS=20 runs twenty times as many.
 */

const SCALE = Math.max(0.05, Number(process.env.FANGAN_PROPERTY_RUNS ?? 1) || 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });
const ROOT = join(__dirname, '..', '..');
const URI = 'file:///draft/plan.txt';

let service: FanganLanguageService;
/** A second service that only ever sees whole texts (never an edit). */
let reference: FanganLanguageService;
// The lead-unit check on every plan (it would skip plans without notes), in Chinese.
let settings: ReturnType<FanganLanguageService['readSettings']>['settings'];
let version = 0;
const docOf = (text: string) => TextDocument.create(URI, 'fangan', ++version, text);

before(async function () {
  this.timeout(20000);
  // The real service with the bundled corpus, so that corpus hover, completion and actions run too.
  service = createLanguageService({ language: 'zh-cn', host: createFsHost(ROOT, []) });
  reference = createLanguageService({ language: 'zh-cn', host: createFsHost(ROOT, []) });
  await Promise.all([service.corpus.load([]), reference.corpus.load([])]);
  settings = service.readSettings({ leadUnits: { check: 'always' } }).settings;
});

/** Positions inside, at the end of and past the end of the document. */
function positionsIn(lines: readonly string[], picks: readonly number[]): Position[] {
  const out: Position[] = [{ line: lines.length + 3, character: 0 }, { line: 0, character: 10_000 }];
  for (const p of picks) {
    const line = p % (lines.length + 1);
    out.push({ line, character: line < lines.length ? (p >> 3) % (lines[line].length + 2) : 0 });
  }
  return out;
}

/** Every code action for the document's diagnostics and at the positions, quick fixes, fix-all and corpus. */
function allActions(document: TextDocument, diagnostics: Diagnostic[], positions: readonly Position[]): CodeAction[] {
  const out = service.getCodeActions(document, settings, { diagnostics, only: ['quickfix', FIX_ALL_KIND] });
  for (const position of positions) {
    out.push(...service.getCodeActions(document, settings, { diagnostics: [], only: [CORPUS_ACTION_KIND], range: { start: position, end: position } }));
  }
  return out;
}

describe('properties of the service on arbitrary documents', function () {
  this.timeout(60000);

  it('the model, every check and every feature never throw, and every range lies inside the document', () => {
    fc.assert(
      fc.property(anyDocument, fc.array(fc.nat(), { minLength: 2, maxLength: 5 }), (text, picks) => {
        const document = docOf(text);
        const lines = lspLines(text);
        const model = service.getModel(document);
        assert.equal(model.lineCount, lines.length);
        for (const plan of model.plans) {
          for (const node of walkNodes(plan.nodes)) {
            assertInside(lines, node.range, 'node');
            assertInside(lines, node.titleRange, 'node title');
            if (node.marker) assertInside(lines, node.marker.range, 'marker');
            for (const note of node.notes) {
              assertInside(lines, note.range, 'note');
              for (const unit of note.units) assertInside(lines, unit.range, 'unit');
            }
          }
        }
        const diagnostics = service.computeDiagnostics(document, settings);
        for (const d of diagnostics) {
          assertInside(lines, d.range, `diagnostic ${String(d.code)}`);
          for (const r of d.relatedInformation ?? []) assertInside(lines, r.location.range, `related of ${String(d.code)}`);
        }
        const visit = (symbols: ReturnType<FanganLanguageService['getDocumentSymbols']>): void => {
          for (const s of symbols) {
            assertInside(lines, s.range, 'symbol');
            assertInside(lines, s.selectionRange, 'symbol selection');
            visit(s.children ?? []);
          }
        };
        visit(service.getDocumentSymbols(document));
        for (const f of service.getFoldingRanges(document)) assert.ok(f.startLine <= f.endLine && f.endLine < lines.length, `folding ${JSON.stringify(f)}`);
        const positions = positionsIn(lines, picks);
        for (const action of allActions(document, diagnostics, positions)) {
          for (const edit of actionEdits(action, URI)) assertInside(lines, edit.range, `edit of “${action.title}”`);
        }
        for (const position of positions) {
          const hover = service.getHover(document, settings, position);
          if (hover?.range) assertInside(lines, hover.range, 'hover');
          for (const item of service.getCompletions(document, settings, position).items) {
            const edit = item.textEdit;
            if (edit && 'range' in edit) assertInside(lines, edit.range, `completion ${item.label}`);
            for (const extra of item.additionalTextEdits ?? []) assertInside(lines, extra.range, `completion ${item.label} (additional)`);
          }
        }
      }),
      runs(150),
    );
  });

  it('every quick fix keeps the drafter’s text: numbering fixes change markers only, the others only insert or replace a unit name; and re-checking never offers the same fix again', () => {
    fc.assert(
      fc.property(fc.oneof(planDocument, perturbedPlan), fc.nat(), (text, pick) => {
        const document = docOf(text);
        const diagnostics = service.computeDiagnostics(document, settings);
        const quickFixes = service
          .getCodeActions(document, settings, { diagnostics, only: ['quickfix'] })
          .concat(
            ...[0, 1, 2].map((k) => {
              const line = (pick + k * 7) % document.lineCount;
              const at = { line, character: 0 };
              return service.getCodeActions(document, settings, { diagnostics: [], only: [CORPUS_ACTION_KIND], range: { start: at, end: at } });
            }),
          );
        fc.pre(quickFixes.length > 0);
        const plans = service.getModel(document).plans;
        const unitRanges = plans
          .flatMap((plan) => [...walkNodes(plan.nodes)].flatMap((n) => n.notes).concat(plan.strandedNotes))
          .map((note) => [document.offsetAt(note.valueRange.start), document.offsetAt(note.valueRange.end)] as const);
        // a marker with the spaces after it (an inserted section renumbers the parts after it)
        const markerRanges = plans
          .flatMap((plan) => [...walkNodes(plan.nodes)])
          .filter((n) => n.marker)
          .map((n) => [document.offsetAt(n.marker!.range.start), document.offsetAt(n.titleRange.start)] as const);
        // a few fixes per document: every one of them on small documents
        for (const action of quickFixes.filter((_, i) => i % Math.ceil(quickFixes.length / 6) === pick % Math.ceil(quickFixes.length / 6))) {
          const code = String(action.diagnostics?.[0]?.code ?? action.kind);
          const edits = actionEdits(action, URI);
          assert.ok(edits.length > 0, `“${action.title}” (${code}) has no edit`);
          const offsets = edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText }));
          const fixed = TextDocument.applyEdits(document, edits);
          if (code.startsWith('numbering-') && !isIgnoreAction(action)) {
            assert.deepEqual(withoutMarkers(fixed), withoutMarkers(text), `“${action.title}” changed more than markers`);
          } else {
            for (const e of offsets) {
              const replacesUnitName = code.startsWith('lead-unit-') && unitRanges.some(([from, to]) => e.start >= from && e.end <= to);
              const replacesMarker = markerRanges.some(([from, to]) => e.start >= from && e.end <= to);
              assert.ok(e.start === e.end || replacesUnitName || replacesMarker, `“${action.title}” (${code}) replaces ${JSON.stringify(text.slice(e.start, e.end))}`);
            }
          }
          // The same fix (title and edits, in the text before it) must not be offered again.
          const again = docOf(fixed);
          const offeredAgain = service
            .getCodeActions(again, settings, { diagnostics: service.computeDiagnostics(again, settings), only: ['quickfix'] })
            .concat(
              edits.flatMap((e) => service.getCodeActions(again, settings, { diagnostics: [], only: [CORPUS_ACTION_KIND], range: { start: e.range.start, end: e.range.start } })),
            )
            .filter((a) => a.title === action.title)
            .some((a) => sameEdits(actionEdits(a, URI), again, offsets, edits));
          assert.ok(!offeredAgain, `“${action.title}” (${code}) is offered again after it was applied:\n${fixed}`);
        }
      }),
      runs(50),
    );
  });

  it('after any sequence of incremental edits the answers equal those for the final text checked from scratch', () => {
    const edit = fc.record({ a: fc.nat(), b: fc.nat(), text: insertedText, check: fc.boolean() });
    fc.assert(
      fc.property(anyDocument, fc.array(edit, { minLength: 1, maxLength: 12 }), (text, edits) => {
        // One long-lived service, as the server keeps it, with its caches; the document updated as
        // TextDocuments updates it from didChange (ranges anywhere, even splitting CRLF or surrogate pairs).
        const uri = 'file:///draft/edited.txt';
        service.forget(uri); // as when the editor closes the document and opens it again
        let document = TextDocument.create(uri, 'fangan', 1, text);
        for (const e of edits) {
          const length = document.getText().length;
          const [from, to] = [e.a % (length + 1), e.b % (length + 1)].sort((x, y) => x - y);
          const range = { start: document.positionAt(from), end: document.positionAt(to) };
          document = TextDocument.update(document, [{ range, text: e.text }], document.version + 1);
          if (e.check) service.computeDiagnostics(document, settings);
        }
        const scratch = TextDocument.create(uri, 'fangan', ++version, document.getText());
        assert.deepEqual(service.computeDiagnostics(document, settings), reference.computeDiagnostics(scratch, settings));
        assert.deepEqual(service.getDocumentSymbols(document), reference.getDocumentSymbols(scratch));
        assert.deepEqual(service.getFoldingRanges(document), reference.getFoldingRanges(scratch));
      }),
      runs(100),
    );
  });
});

/** Whether `edits` (on the fixed text) are the edits already applied, mapped back to the text before. */
function sameEdits(edits: readonly TextEdit[], fixed: TextDocument, applied: ReadonlyArray<{ start: number; end: number; text: string }>, original: readonly TextEdit[]): boolean {
  if (edits.length !== original.length) return false;
  return edits.every((e, i) => {
    const start = unmapOffset(applied, fixed.offsetAt(e.range.start));
    const end = unmapOffset(applied, fixed.offsetAt(e.range.end));
    return start === applied[i].start && end === applied[i].end && e.newText === original[i].newText;
  });
}

/** Cases the properties found, kept as examples so that they never come back. */
describe('what the properties found', () => {
  const fixed = (text: string, action: CodeAction) => TextDocument.applyEdits(docOf(text), actionEdits(action, URI));
  const quickFixes = (text: string) => {
    const document = docOf(text);
    return service.getCodeActions(document, settings, { diagnostics: service.computeDiagnostics(document, settings), only: ['quickfix'] });
  };

  it('closing an inline note closes the brackets opened inside it first', () => {
    const text = '某县法治社会建设实施方案\n一、主要任务\n（一）维护宪法权威\n1.深入宣传宪法（牵头单位：县委宣传部、各部门（单位';
    const close = quickFixes(text).find((a) => a.title.startsWith('补上右括号'))!;
    assert.equal(close.title, '补上右括号“））”');
    const after = fixed(text, close);
    assert.ok(after.endsWith('（牵头单位：县委宣传部、各部门（单位））'), after);
    assert.ok(!quickFixes(after).some((a) => a.title.startsWith('补上右括号')));
  });

  it('the corpus wording inserted once is not offered again', () => {
    const text = '某县法治社会建设实施方案\n一、主要任务\n（一）维护宪法权威\n1.持续开展中小学生“学宪法讲宪法”活动。\n牵头单位：县教育局';
    const at = { line: 3, character: 2 };
    const offers = (t: string) => service.getCodeActions(docOf(t), settings, { diagnostics: [], only: [CORPUS_ACTION_KIND], range: { start: at, end: at } });
    const first = offers(text);
    assert.ok(first.length > 0);
    const after = fixed(text, first[0]);
    assert.ok(!offers(after).some((a) => a.title === first[0].title), 'offered again');
  });

  it('a position past the end of a line answers within the line', () => {
    const text = '某县法治社会建设实施方案\n一、主要任务\n（一）维护宪法权威\n1.持续开展中小学生“学宪法讲宪法”活动\n牵头单位：';
    const document = docOf(text);
    for (const position of [{ line: 4, character: 500 }, { line: 99, character: 0 }]) {
      const items = service.getCompletions(document, settings, position).items;
      // past the end of the 牵头单位 line the units are still offered, as at its end
      if (position.line === 4) assert.ok(items.length > 0, 'units offered after 牵头单位：');
      for (const item of items) {
        if (item.textEdit && 'range' in item.textEdit) assertInside(lspLines(text), item.textEdit.range, String(item.label));
      }
    }
  });
});
