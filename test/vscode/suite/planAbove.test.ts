import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, openPlan, until, workspaceFile } from './helpers';

/**
 * The plan above (上级方案) in the real editor: source-draft.txt names upper/province.txt (both
 * in test/vscode/workspace; the same texts as test/fixtures/source) by its source directive.
 */
const DRAFT = 'source-draft.txt';
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))).join('\n');
}

interface ShownCoverage {
  message: string | undefined;
  sources: Array<{
    kind: 'source';
    uri: string;
    source: { name: string; summary: string; path: string };
    sections: Array<{ title: string; entries: Array<{ kind: 'entry'; entry: { marker: string | null; status: string; text: string }; uri: string; source: unknown }> }>;
  }>;
}

describe('the plan above through VS Code', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openPlan(DRAFT)).document;
    await diagnosticsOf(document.uri, (d) => d.some((x) => codeOf(x) === 'source-uncovered'), 60000);
  });

  afterEach(async () => {
    // Leave the workspace file as it was.
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('lists the missing measures and the lead of another kind as information in the Problems panel', async () => {
    const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'fangan');
    const source = diagnostics.filter((d) => codeOf(d).startsWith('source-'));
    assert.deepEqual(source.map(codeOf).sort(), ['source-lead-differs', 'source-uncovered', 'source-uncovered']);
    assert.ok(source.every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    assert.match(source.find((d) => codeOf(d) === 'source-lead-differs')!.message, /由省司法厅牵头（本级为县司法局）/);
  });

  it('hovers a measure with the plan above first: its marker, the shared wording in bold, this level’s lead', async () => {
    const line = document.getText().split('\n').findIndex((l) => l.startsWith('1.编制县直部门普法责任清单'));
    assert.ok(line > 0);
    const hovers = await until(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 5)),
      (h) => hoverText(h ?? []).includes('上级方案中的对应措施'),
      'the source-first hover',
    );
    const text = hoverText(hovers);
    const above = text.indexOf('上级方案中的对应措施');
    const peers = text.indexOf('素材库中的对应措施');
    assert.ok(peers === -1 || peers > above, 'the plan above before the peers');
    assert.match(text, /\*\*1\.\*\* · 清江省方案（省级）/);
    assert.match(text, /\*\*编制省直部门普法责任清单并向社会公布/);
    assert.match(text, /本级牵头单位：县司法局（上级方案：省司法厅）/);
  });

  it('the quick fix inserts the missing measure where it belongs, numbered and adapted; the finding goes, no numbering finding comes', async () => {
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'source-uncovered' && d.message.includes('建立新任领导干部'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('插入上级方案的措施 2.'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const text = document.getText();
    assert.match(text, /\n2\.建立新任领导干部任前宪法知识考试制度，考试结果作为任职的参考依据。\n\n牵头单位：县委组织部\n\n配合单位：县司法局\n\n3\.依托广播电视/);
    const after = await diagnosticsOf(document.uri, (d) => d.filter((x) => codeOf(x) === 'source-uncovered').length === 1);
    assert.ok(!after.some((d) => codeOf(d).startsWith('numbering-')), after.map(codeOf).join(', '));
  });

  it('the coverage view shows the summary and every measure; its insert action makes the same edit', async () => {
    await vscode.window.showTextDocument(document);
    const shown = await vscode.commands.executeCommand<ShownCoverage>('fangan.showCoverage');
    assert.match(shown.message ?? '', /清江省方案（上级方案）：已覆盖 6\/9 项，部分覆盖 1 项，缺 2 项/);
    const [source] = shown.sources;
    assert.equal(source.source.name, '清江省方案');
    const entries = source.sections.flatMap((s) => s.entries);
    assert.deepEqual(entries.map((e) => e.entry.status).filter((s) => s !== 'covered').sort(), ['missing', 'missing', 'partial']);
    const missing = entries.find((e) => e.entry.status === 'missing' && e.entry.text.startsWith('开展诚信文化进企业活动'))!;
    await vscode.commands.executeCommand('fangan.insertSourceMeasure', missing);
    await until(async () => document.getText(), (t) => t.includes('2.开展诚信文化进企业活动'), 'the inserted measure');
    assert.match(document.getText(), /\n\n2\.开展诚信文化进企业活动，引导行业协会商会制定诚信公约，定期发布诚信经营典型案例。\n\n牵头单位：县工商联\n\n配合单位：县商务局/);
    const again = await until(
      () => vscode.commands.executeCommand<ShownCoverage>('fangan.showCoverage'),
      (s) => /缺 1 项/.test(s.message ?? ''),
      'the view to follow the edit',
    );
    assert.match(again.message ?? '', /已覆盖 7\/9 项/);
  });

  it('chooses the source from the corpus through the server: a directive names 贵州省 and the county draft is checked against it', async () => {
    const editor = await openPlan('county-draft.txt');
    const lines = editor.document.getText().split('\n');
    await editor.edit((b) => b.insert(new vscode.Position(1, lines[1].length), '\n<!-- fangan: source 贵州省法治社会建设实施方案 -->'));
    try {
      const diagnostics = await diagnosticsOf(workspaceFile('county-draft.txt'), (d) => d.some((x) => codeOf(x) === 'source-uncovered'), 30000);
      assert.ok(diagnostics.filter((d) => codeOf(d) === 'source-uncovered').length > 40, 'the county draft is short: most of 贵州’s measures are missing');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
