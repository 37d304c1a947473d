import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, EXTENSION_ID, openPlan, until, workspaceFile } from './helpers';

/** The flawed county draft of test/vscode/workspace (the same text as examples/): what a drafter meets. */
const DRAFT = 'county-draft.txt';

const codesOf = (diagnostics: readonly vscode.Diagnostic[]) =>
  diagnostics.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c))))
    .join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** An untitled plan in the editor: edits here never touch the workspace's files. */
async function untitledPlan(text: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'fangan', content: text });
  await vscode.window.showTextDocument(document);
  return document;
}

describe('Fangan features through VS Code', () => {
  let draftText = '';

  before(async () => {
    const editor = await openPlan(DRAFT);
    draftText = editor.document.getText();
  });

  it('reports the draft’s defects in the Problems panel, with stable codes and Chinese messages', async () => {
    const uri = workspaceFile(DRAFT);
    const diagnostics = await diagnosticsOf(uri, (d) => d.length >= 10);
    const codes = new Set(codesOf(diagnostics));
    for (const code of [
      'section-missing',
      'subsection-missing',
      'numbering-gap',
      'numbering-damaged',
      'numbering-duplicate',
      'lead-unit-missing',
      'lead-unit-malformed',
      'lead-unit-unknown',
      'lead-unit-level',
      'lead-unit-collective',
      'lead-unit-inconsistent',
    ]) {
      assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
    }
    const missing = diagnostics.find((d) => codeOf(d) === 'section-missing')!;
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /缺少必备章节“依法治理网络空间”/);
    const damaged = diagnostics.find((d) => codeOf(d) === 'numbering-damaged')!;
    assert.match(damaged.message, /应为“（一）”/);
  });

  it('hovers a measure with the corresponding measures of the corpus and their lead units', async () => {
    const uri = workspaceFile(DRAFT);
    const line = draftText.split('\n').findIndex((l) => l.startsWith('1.在全县国家工作人员中深入开展宪法学习教育'));
    assert.ok(line > 0);
    const hovers = await until(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 4)),
      (h) => hoverText(h ?? []).includes('素材库中的对应措施'),
      'the corpus hover',
    );
    const text = hoverText(hovers);
    assert.match(text, /贵州省方案|大足区方案/);
    assert.match(text, /牵头单位：/);
  });

  it('hovers a heading with the part of the outline it stands for', async () => {
    const uri = workspaceFile(DRAFT);
    const line = draftText.split('\n').findIndex((l) => l.startsWith('二、推动全社会增强法治观念'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 3));
    assert.match(hoverText(hovers), /对应《法治社会建设实施纲要（2020—2025年）》第二部分/);
  });

  it('completes county units after 牵头单位：', async () => {
    const document = await untitledPlan(`${draftText}\n`.replace('牵头单位：县人大常委会办公室', '牵头单位：'));
    const line = document.getText().split('\n').findIndex((l) => l === '牵头单位：');
    const list = await until(
      () =>
        vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, 5)),
      (l) => (l?.items ?? []).some((i) => labelOf(i) === '县司法局'),
      'unit completions',
    );
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('县人大常委会办公室'), labels.slice(0, 20).join(', '));
    assert.ok(!labels.some((l) => l.startsWith('省')), 'no province units in a county plan');
  });

  it('offers the bundled snippets', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const snippets = extension.packageJSON.contributes.snippets as Array<{ language: string }>;
    assert.deepEqual(snippets.map((s) => s.language).sort(), ['fangan', 'markdown', 'plaintext']);
    const document = await untitledPlan('某某县法治社会建设实施方案\n\nqtdw');
    const list = await until(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(2, 4)),
      (l) => (l?.items ?? []).some((i) => i.kind === vscode.CompletionItemKind.Snippet),
      'snippet completions',
    );
    const snippet = list.items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i) === 'qtdw');
    assert.ok(snippet, list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf).join(', '));
  });

  it('inserts the missing 牵头单位 with a quick fix, and the finding goes away', async () => {
    const document = await untitledPlan(draftText);
    const missing = (await diagnosticsOf(document.uri, (d) => codesOf(d).includes('lead-unit-missing'))).find(
      (d) => codeOf(d) === 'lead-unit-missing',
    )!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.startsWith('补写牵头单位'));
    assert.ok(fix, actions.map((a) => a.title).join(' / '));
    const unit = /“(.+)”/.exec(fix.title)![1];
    assert.ok(unit.startsWith('县'), `a county unit is suggested first, not ${unit}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.ok(document.getText().includes(`牵头单位：${unit}`), 'the note is in the text');
    await diagnosticsOf(document.uri, (d) => !d.some((x) => codeOf(x) === 'lead-unit-missing' && x.range.start.line === missing.range.start.line));
  });

  it('fixes all numbering at once: the numbering findings disappear, the text is unchanged but for markers', async () => {
    const document = await untitledPlan(draftText);
    const before = await diagnosticsOf(document.uri, (d) => codesOf(d).some((c) => c.startsWith('numbering-')));
    const numbering = before.find((d) => codeOf(d).startsWith('numbering-'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      numbering.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixAll = actions.find((a) => a.title === '修复本文件全部编号问题');
    assert.ok(fixAll, actions.map((a) => a.title).join(' / '));
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit!));
    const after = await diagnosticsOf(document.uri, (d) => !codesOf(d).some((c) => c.startsWith('numbering-')) && d.length > 0);
    assert.ok(after.some((d) => codeOf(d) === 'section-missing'), 'the other findings stay');
    assert.ok(document.getText().includes('（二）总体目标'));
    // Only markers changed: every changed line is the same once its leading marker is removed.
    const stripMarker = (l: string) => l.replace(/^[（(]?[一二三四五六七八九十\d]*[)）、.．]?/, '');
    const oldLines = draftText.split('\n');
    const newLines = document.getText().split('\n');
    assert.equal(newLines.length, oldLines.length);
    newLines.forEach((l, i) => assert.equal(stripMarker(l), stripMarker(oldLines[i]), `line ${i + 1}`));
  });
});
