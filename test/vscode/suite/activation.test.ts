import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openPlan, until, workspaceFile } from './helpers';

describe('Fangan in the extension host', () => {
  it('activates on a .txt file that looks like a plan', async () => {
    await openPlan('county-draft.txt');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    console.log(`    (VS Code ${vscode.version}, display language ${vscode.env.language})`);
  });

  it('shows the plan outline: headings → measures', async () => {
    const editor = await openPlan('county-draft.txt');
    const symbols = await until(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri),
      (s) => Array.isArray(s) && s.length > 0,
      'document symbols',
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、总体要求', '二、推动全社会增强法治观念', '三、健全社会领域制度规范', '四、加强权利保护', '五、推进社会治理法治化', '六、加强组织保障'],
    );
    const firstTopic = symbols[1].children[0];
    assert.equal(firstTopic.name, '（一）维护宪法权威');
    assert.ok(firstTopic.children[0].name.startsWith('1.在全县国家工作人员中深入开展宪法学习教育'));
  });

  it('folds headings', async () => {
    const editor = await openPlan('county-draft.txt');
    const ranges = await until(
      () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', editor.document.uri),
      (r) => Array.isArray(r) && r.length > 0,
      'folding ranges',
    );
    assert.ok(ranges.some((r) => r.start === editor.document.getText().split('\n').findIndex((l) => l.startsWith('一、'))));
  });

  it('leaves a .txt file that is not a plan alone', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('notes.txt'));
    await vscode.window.showTextDocument(document);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.equal((symbols ?? []).length, 0);
  });
});
