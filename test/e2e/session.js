#!/usr/bin/env node
// A drafter's session through the UI, as a user sees it: the packaged .vsix installed into a fresh
// code-server (VS Code 1.96.4) with a Chinese display language, a flawed county draft opened, and
// then, with the keyboard and mouse: the Problems panel, a hover, a quick fix for an unassigned
// measure, a unit completion after 牵头单位：, a snippet, and "fix all numbering"; then the plan
// above: choosing it, the source-first hover, inserting a missing measure, the coverage view.
// Screenshots of each step go to the artifacts folder (the README uses some of them).
//
//   node test/e2e/session.js [--vsix fangan.vsix] [--out artifacts/e2e]
//
// Every step waits for what it expects to see (selectors and texts), never for a fixed time.
'use strict';

const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startCodeServer, stopAllSync } = require('./codeServer.js');
const ui = require('./ui.js');

const root = path.join(__dirname, '..', '..');
const DRAFT = path.join(root, 'test', 'vscode', 'workspace', 'county-draft.txt');
const XIJI = path.join(root, 'corpus', 'seeds', '001_7a3985546b992323.txt');

/** 0-based line of the first line starting with `prefix` in a file as written. */
function lineIn(file, prefix) {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(i >= 0, `a line starting with "${prefix}" in ${path.basename(file)}`);
  return i;
}

/** 1-based line of the first line starting with `prefix` in the draft as written (the editor renders only what is visible). */
function lineOf(prefix) {
  const i = fs.readFileSync(DRAFT, 'utf8').split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(i >= 0, `a line starting with "${prefix}"`);
  return i + 1;
}

async function runSession({ vsix, artifacts }) {
  if (!fs.existsSync(vsix)) throw new Error(`vsix not found: ${vsix} (npm run package)`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fangan-e2e-session-'));
  fs.copyFileSync(DRAFT, path.join(workspace, 'county-draft.txt'));
  // Seed 001 (a real county plan) as a draft whose plan above the drafter chooses: 贵州's plan of the corpus.
  fs.copyFileSync(XIJI, path.join(workspace, 'xiji.txt'));
  const steps = [];
  let server = null;
  let wb = null;
  let page = null;
  const shot = (name) => ui.screenshot(page, path.join(artifacts, name));
  const step = async (name, fn) => {
    const started = Date.now();
    process.stdout.write(`[session] ${name} ... `);
    await fn();
    const secs = (Date.now() - started) / 1000;
    steps.push([name, secs]);
    process.stdout.write(`ok (${secs.toFixed(1)} s)\n`);
  };

  try {
    await step('start code-server (zh-cn) with the packaged .vsix installed', async () => {
      server = await startCodeServer({ workspace, locale: 'zh-cn', vsix: [vsix] });
    });
    await step('open the workbench and the county draft', async () => {
      wb = await ui.openWorkbench({ server, folder: workspace });
      page = wb.page;
      await ui.openFile(page, 'county-draft.txt');
    });

    await step('the Problems panel lists the draft’s defects in Chinese', async () => {
      const problems = await ui.readProblems(page, { minCount: 8, timeout: 60000 });
      const codes = new Set(problems.map((p) => p.code.replace(/[()]/g, '').trim()));
      for (const code of ['section-missing', 'numbering-gap', 'numbering-damaged', 'lead-unit-missing', 'lead-unit-unknown']) {
        assert.ok([...codes].some((c) => c.includes(code)), `${code} in the Problems panel (${[...codes].join(', ')})`);
      }
      const missing = problems.find((p) => p.code.includes('section-missing'));
      assert.match(missing.message, /缺少必备章节“依法治理网络空间”/);
      assert.equal(missing.severity, 'error');
      // the Outline view shows the plan's structure (一、 → （一） → 1.)
      await ui.runCommand(page, 'Explorer: Focus on Outline View');
      await page.locator('.outline-pane .monaco-list-row', { hasText: '二、推动全社会增强法治观念' }).first().waitFor({ state: 'visible' });
      await ui.focusEditor(page);
      await shot('first-steps.jpg');
    });

    await step('the status bar names the plan kind, level and the number of findings', async () => {
      const item = page.locator('.statusbar-item', { hasText: '法治社会' }).first();
      await item.waitFor({ state: 'visible', timeout: 30000 });
      const text = (await item.innerText()).trim();
      assert.match(text, /法治社会 · 县级 · \d+ 处问题/);
      await shot('status-bar.jpg');
    });

    await step('hover a measure: the corresponding measures of the corpus', async () => {
      const text = await ui.hover(page, { text: '在全县国家工作人员中深入开展宪法学习教育' }, { expect: '素材库中的对应措施', timeout: 30000 });
      assert.match(text, /贵州省方案|大足区方案/);
      assert.match(text, /牵头单位：/);
      await shot('hover.jpg');
      await ui.hideHover(page);
    });

    await step('quick fix (Ctrl+.) on the unassigned measure: insert its 牵头单位', async () => {
      const line = lineOf('1.深入开展民法典学习宣传');
      let offered = [];
      await ui.quickFix(page, /^补写牵头单位/, {
        at: { line, column: 3 },
        onMenu: async (labels) => {
          offered = labels;
          await shot('quick-fix.jpg');
        },
      });
      const unit = /“(.+)”/.exec(offered.find((l) => l.startsWith('补写牵头单位')))[1];
      assert.ok(unit.startsWith('县'), `a county unit first, not ${unit}`);
      await ui.waitFor(async () => (await ui.editorText(page)).includes(`牵头单位：${unit}`), { what: 'the inserted note' });
      await shot('quick-fix-applied.jpg');
    });

    await step('type 牵头单位： and accept a unit from the completion list', async () => {
      await ui.focusEditor(page);
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await ui.typeText(page, '牵头单位：');
      // Ask afresh, as Ctrl+Space does on a closed list (on an open one it only toggles the details).
      await page.keyboard.press('Escape');
      const labels = await ui.triggerSuggest(page);
      assert.ok(labels.includes('县司法局'), `units offered: ${labels.join(', ')}`);
      await shot('completion.jpg');
      await ui.acceptSuggestion(page, '县司法局');
      await ui.waitFor(async () => (await ui.editorText(page)).split('\n').some((l) => l === '牵头单位：县司法局'), { what: 'the accepted unit' });
    });

    await step('expand a snippet: qtdw → a measure with 牵头单位/配合单位 lines', async () => {
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await ui.typeText(page, 'qtdw');
      await page.keyboard.press('Escape');
      await ui.triggerSuggest(page);
      await shot('snippet.jpg');
      await ui.acceptSuggestion(page, 'qtdw');
      await ui.waitFor(async () => /配合单位：/.test((await ui.editorText(page)).split('\n').slice(-6).join('\n')), { what: 'the expanded snippet' });
      await page.keyboard.press('Escape');
    });

    await step('plan actions from the status bar: search the corpus and insert a clause', async () => {
      await ui.focusEditor(page);
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.locator('.statusbar-item', { hasText: '法治社会' }).first().click();
      await page.locator(ui.SEL.quickInputRow, { hasText: '搜索素材库' }).first().waitFor({ state: 'visible' });
      await shot('plan-actions.jpg');
      const actions = await ui.pickQuickInput(page, '搜索素材库');
      assert.ok(actions.some((a) => a.includes('修复全部可自动修复的问题')), `plan actions: ${actions.join(' | ')}`);
      await ui.typeQuickInput(page, '宪法宣誓');
      await ui.waitFor(async () => (await page.$$eval(ui.SEL.quickInputRow, (rows) => rows.map((r) => r.textContent))).some((t) => t.includes('宪法宣誓')), {
        what: 'corpus results for 宪法宣誓',
      });
      await shot('corpus-search.jpg');
      await page.keyboard.press('Enter');
      await ui.quickInputClosed(page);
      await ui.waitFor(async () => (await ui.editorText(page)).split('\n').slice(-3).join('').includes('宪法宣誓'), { what: 'the inserted clause' });
    });

    await step('fix all numbering: the numbering problems disappear', async () => {
      await ui.quickFix(page, '修复本文件全部编号问题', { at: { line: lineOf('（三）总体目标'), column: 2 } });
      await ui.waitFor(async () => (await ui.editorText(page)).includes('（二）总体目标'), { what: 'the renumbered marker' });
      const problems = await ui.waitFor(async () => {
        const now = await ui.readProblems(page, { open: false });
        return now.length > 0 && !now.some((p) => p.code.includes('numbering-')) ? now : null;
      }, { timeout: 30000, what: 'the numbering problems to disappear' });
      assert.ok(problems.some((p) => p.code.includes('section-missing')), 'the other problems stay');
      await shot('numbering-fixed.jpg');
    });

    await step('new plan from a template: 法治社会 · 县级 · 清河县', async () => {
      await ui.runCommand(page, '方案：新建方案…', { opensQuickInput: true });
      await ui.pickQuickInput(page, '法治社会建设实施方案');
      await ui.pickQuickInput(page, '县级');
      await ui.typeQuickInput(page, '清河县', { enter: true });
      await ui.waitFor(async () => (await ui.editorText(page)).startsWith('清河县法治社会建设实施方案（2021—2025年）'), { what: 'the new plan' });
      const item = page.locator('.statusbar-item', { hasText: '法治社会' }).first();
      await ui.waitFor(async () => /县级 · 无问题/.test(await item.innerText()), { what: 'a clean new plan in the status bar' });
      await shot('new-plan.jpg');
    });

    await step('check every plan in the workspace', async () => {
      await ui.runCommand(page, '方案：检查工作区中的全部方案');
      const text = await ui.waitForNotification(page, '检查了', { timeout: 30000 });
      assert.match(text, /检查了 \d+ 个方案文件/);
      await shot('workspace-check.jpg');
    });

    await step('choose the plan above: 方案：选择上级方案 → 贵州省方案; the status bar names it', async () => {
      await ui.openFile(page, 'xiji.txt');
      await ui.runCommand(page, '方案：选择上级方案…', { opensQuickInput: true });
      await page.locator(ui.SEL.quickInputRow, { hasText: '贵州省方案' }).first().waitFor({ state: 'visible' });
      await shot('choose-source.jpg');
      const offered = await ui.pickQuickInput(page, '贵州省方案');
      assert.ok(!offered.some((l) => l.includes('西吉县方案')), `the draft itself is not offered: ${offered.join(' | ')}`);
      await ui.quickInputClosed(page);
      await ui.waitFor(async () => (await ui.editorText(page)).includes('<!-- fangan: source 贵州省法治社会建设实施方案'), { what: 'the source directive' });
      const item = page.locator('.statusbar-item', { hasText: '上级：贵州省方案' }).first();
      await item.waitFor({ state: 'visible', timeout: 30000 });
      assert.match((await item.innerText()).trim(), /县级 · 上级：贵州省方案 · \d+ 处问题/);
    });

    await step('hover a measure: the plan above first, then the corpus', async () => {
      await ui.runCommand(page, 'Notifications: Clear All Notifications');
      await ui.goTo(page, lineIn(XIJI, '2.全面落实宪法宣誓制度') + 2, 1);
      const text = await ui.hover(page, { text: '全面落实宪法宣誓制度' }, { expect: '素材库中的对应措施', timeout: 30000 });
      assert.ok(text.indexOf('上级方案中的对应措施') >= 0 && text.indexOf('上级方案中的对应措施') < text.indexOf('素材库中的对应措施'), text);
      assert.match(text, /本级牵头单位：县/);
      await shot('hover-source.jpg');
      await ui.hideHover(page);
    });

    await step('quick fix (Ctrl+.) on a missing measure: insert it, numbered and adapted', async () => {
      // The directive line moved everything down by one.
      const heading = lineIn(XIJI, ')维护宪法法律权威') + 2;
      await ui.quickFix(page, /^插入上级方案的措施 \(4\)/, { at: { line: heading, column: 2 }, onMenu: () => shot('source-fix.jpg') });
      await ui.waitFor(async () => (await ui.editorText(page)).includes('坚持把学习宣传实施宪法摆在首要位置'), { what: 'the inserted measure' });
      await ui.waitFor(async () => !(await ui.readProblems(page, { open: false })).some((p) => p.message.includes('(4)“坚持把学习宣传实施宪法')), {
        timeout: 30000,
        what: 'its finding to go',
      });
    });

    await step('the coverage view: the summary, every measure, insert a missing one', async () => {
      // A roomy picture: no toasts, no panel, the explorer's other sections folded, the side bar wider.
      await ui.runCommand(page, 'Notifications: Clear All Notifications');
      await ui.runCommand(page, 'View: Hide Panel');
      await ui.runCommand(page, '方案：上级方案覆盖情况');
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: '上级方案覆盖情况' }) }).first();
      await pane.waitFor({ state: 'visible' });
      const others = page.locator('.part.sidebar .pane-header.expanded', { hasNotText: '上级方案覆盖情况' });
      for (let i = 0; i < 5 && (await others.count()) > 0; i++) await others.first().click();
      // Drag the side bar's edge to the right.
      const bar = await page.locator('.part.sidebar').boundingBox();
      await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
      await page.mouse.down();
      await page.mouse.move(bar.x + bar.width + 360, bar.y + bar.height / 2, { steps: 8 });
      await page.mouse.up();
      await pane.locator('.monaco-list-row', { hasText: '贵州省方案' }).first().waitFor({ state: 'visible', timeout: 30000 });
      const summary = await ui.waitFor(async () => {
        const t = await pane.innerText();
        return /已覆盖 \d+\/94 项，部分覆盖 \d+ 项，缺 21 项/.test(t) ? t : null;
      }, { timeout: 30000, what: 'the summary in the view' });
      assert.match(summary, /缺/);
      await shot('coverage-view.jpg');
      // (1)–(3) are missing in the view's first section (学习宣传贯彻习近平法治思想): insert (1) from its row.
      const row = pane.locator('.monaco-list-row', { hasText: '(1) 各地区各部门' }).first();
      await row.hover();
      await row.locator('.action-label[aria-label*="插入"]').click();
      await ui.waitFor(async () => (await ui.editorText(page)).includes('各地区各部门把学习宣传贯彻习近平法治思想'), { what: 'the measure inserted from the view' });
      await ui.waitFor(async () => /缺 20 项/.test(await pane.innerText()), { timeout: 30000, what: 'the view to follow' });
    });

    console.log('[session] timings:');
    for (const [name, secs] of steps) console.log(`  ${secs.toFixed(1).padStart(5)} s  ${name}`);
    console.log(`session: ${steps.length} passed, 0 failed`);
    console.log(`[session] screenshots in ${artifacts}`);
    return true;
  } catch (error) {
    process.stdout.write('FAILED\n');
    console.error(`[session] ${(error && error.stack) || error}`);
    if (page) await ui.screenshot(page, path.join(artifacts, 'failure.png')).catch(() => undefined);
    if (server) console.error(`[session] server log tail:\n${server.readLog().split('\n').slice(-30).join('\n')}`);
    console.log(`session: ${steps.length} passed, 1 failed`);
    return false;
  } finally {
    if (wb) await wb.close().catch(() => undefined);
    if (server) await server.stop().catch(() => undefined);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

module.exports = { runSession };

if (require.main === module) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => (args.includes(name) ? path.resolve(args[args.indexOf(name) + 1]) : fallback);
  process.on('exit', () => stopAllSync());
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { stopAllSync(); process.exit(130); });
  runSession({ vsix: arg('--vsix', path.join(root, 'fangan.vsix')), artifacts: arg('--out', path.join(root, 'artifacts', 'e2e')) }).then(
    (ok) => { process.exitCode = ok ? 0 : 1; },
    (error) => { console.error(error); process.exitCode = 1; },
  );
}
