// Helpers for driving the VS Code 1.96 web workbench (code-server) with playwright-core, as a user
// would: Quick Open, the Problems panel, hovers, quick fixes, suggestions, the command palette.
//
//   const { startCodeServer } = require('./codeServer.js');
//   const ui = require('./ui.js');
//   const server = await startCodeServer({ workspace, locale: 'zh-cn', vsix: ['x.vsix'] });
//   const wb = await ui.openWorkbench({ server, folder: workspace });
//   await ui.openFile(wb.page, 'plan.txt');
//   const problems = await ui.readProblems(wb.page, { minCount: 1 });
//   ...
//   await wb.close(); await server.stop();
//
// Every helper waits for a selector or a condition (polled), never for a fixed time. Selectors
// are those of VS Code 1.96 (code-server 4.96.4); they are collected in SEL below.
'use strict';

const fs = require('fs');
const path = require('path');
const { ensureSetup } = require('./setup.js');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-default-apps', '--disable-extensions', '--mute-audio',
];

const SEL = {
  workbench: '.monaco-workbench',
  statusbar: '.monaco-workbench .part.statusbar',
  explorerFolder: '.explorer-folders-view .monaco-list-row',
  activeEditor: '.part.editor .editor-group-container.active .monaco-editor',
  activeTab: '.part.editor .editor-group-container.active .tabs-container .tab.active',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  cursorStatus: '#status\\.editor\\.selection',
  problemsPanel: '.markers-panel',
  problemsRow: '.markers-panel .monaco-list-row',
  hover: '.monaco-hover:not(.hidden) .monaco-hover-content',
  actionWidget: '.action-widget',
  actionRow: '.action-widget .monaco-list-row.action',
  suggestWidget: '.editor-widget.suggest-widget.visible',
  suggestRow: '.editor-widget.suggest-widget.visible .monaco-list-row',
  notificationToast: '.notifications-toasts .notification-toast',
};

const DEFAULT_TIMEOUT = 20000;

/** Poll fn() until it returns a truthy value (a wait for a condition, not a sleep). */
async function waitFor(fn, { timeout = DEFAULT_TIMEOUT, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Launch Debian's Chromium through playwright-core (no browser download). */
async function launchBrowser(tools, opts = {}) {
  tools = tools || await ensureSetup({ quiet: true });
  const { chromium } = require(tools.playwrightCore);
  return chromium.launch({
    executablePath: tools.chromium,
    headless: opts.headless !== false,
    args: CHROMIUM_ARGS,
    // The callers' own handlers clean up (and also stop code-server).
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    timeout: 60000,
  });
}

/**
 * Open the workbench for a folder in a fresh browser and wait until it is usable.
 * @returns {Promise<{browser, page, close: () => Promise<void>}>}
 */
async function openWorkbench({ server, folder, viewport = { width: 1400, height: 900 }, headless = true,
  timeout = 60000, onConsole } = {}) {
  const browser = await launchBrowser(undefined, { headless });
  try {
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    if (onConsole) page.on('console', (m) => onConsole(m.type(), m.text()));
    await page.goto(server.workbenchUrl({ folder }), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(SEL.statusbar, { timeout });
    // The folder is open once the explorer lists its root.
    if (folder) await page.waitForSelector(SEL.explorerFolder, { timeout });
    return { browser, page, close: () => browser.close().catch(() => {}) };
  } catch (e) {
    await browser.close().catch(() => {});
    throw e;
  }
}

async function quickInputOpen(page, keys) {
  await page.keyboard.press(keys);
  await page.waitForSelector(`${SEL.quickInputBox}:focus`);
}

async function quickInputClosed(page) {
  await page.waitForSelector(SEL.quickInput, { state: 'hidden' });
}

/** Labels of the rows the quick input shows now. */
function quickInputLabels(page) {
  return page.$$eval(SEL.quickInputRow, (rows) => rows.map((r) => {
    const name = r.querySelector('.label-name');
    return { aria: r.getAttribute('aria-label') || '', name: name ? name.textContent : '', focused: r.classList.contains('focused') };
  }));
}

/**
 * Open a file through Quick Open (Ctrl+P, type, pick the row, Enter) and wait for its tab.
 * @param {string} file  name or workspace-relative path
 */
async function openFile(page, file, { timeout = DEFAULT_TIMEOUT } = {}) {
  const base = path.basename(file);
  await quickInputOpen(page, 'Control+P');
  await page.keyboard.type(file);
  // The file search (ripgrep on the server) answers asynchronously; wait for a row of the file.
  const idx = await waitFor(async () => {
    const rows = await quickInputLabels(page);
    const i = rows.findIndex((r) => r.name === base || r.aria.startsWith(`${base},`));
    return i >= 0 ? i + 1 : 0;
  }, { timeout, what: `Quick Open to list ${file}` });
  await page.locator(SEL.quickInputRow).nth(idx - 1).click();
  await quickInputClosed(page);
  await page.waitForSelector(`${SEL.activeTab}[data-resource-name="${base}"]`, { timeout });
  await page.waitForSelector(`${SEL.activeEditor}.focused`, { timeout });
}

/** Move the cursor to a 1-based line and column (Ctrl+G "line:column") and wait for the status bar. */
async function goTo(page, line, column = 1) {
  await quickInputOpen(page, 'Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInputClosed(page);
  await waitFor(async () => {
    const t = await page.$eval(SEL.cursorStatus, (e) => e.textContent).catch(() => '');
    return new RegExp(`\\b${line}\\D+${column}\\b`).test(t);
  }, { what: `cursor at ${line}:${column}` });
}

/** Current cursor position from the status bar, e.g. {line: 2, column: 5}. */
async function cursorPosition(page) {
  const t = await page.$eval(SEL.cursorStatus, (e) => e.textContent);
  const m = /(\d+)\D+(\d+)/.exec(t);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** Text of the active editor's visible lines (Monaco renders only what is on screen). */
function editorText(page) {
  return page.$eval(`${SEL.activeEditor} .view-lines`, (el) => [...el.querySelectorAll('.view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((l) => l.textContent.replace(/\u00a0/g, ' '))
    .join('\n'));
}

/** Open the Problems panel (Ctrl+Shift+M). */
async function openProblems(page) {
  if (!(await page.isVisible(SEL.problemsPanel))) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.waitForSelector(SEL.problemsPanel, { state: 'visible' });
}

/**
 * Read the Problems panel's entries (the rows it renders: it is a virtual list, so very long
 * lists need scrolling). Waits until at least minCount entries are shown.
 * @returns {Promise<Array<{file, severity, message, source, code, line, column, text, ariaLabel}>>}
 */
async function readProblems(page, { minCount = 0, timeout = DEFAULT_TIMEOUT, open = true } = {}) {
  if (open) await openProblems(page);
  const read = () => page.$$eval(SEL.problemsRow, (rows) => {
    const out = [];
    let file = null;
    const txt = (row, sel) => { const e = row.querySelector(sel); return e ? e.textContent.trim() : ''; };
    for (const row of [...rows].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))) {
      if (!row.querySelector('.marker-message-details-container')) {
        file = txt(row, '.label-name') || row.getAttribute('aria-label');
        continue;
      }
      const icon = row.querySelector('.marker-icon');
      const severity = icon ? ['error', 'warning', 'info'].find((s) => icon.classList.contains(s)) || '' : '';
      const m = /(\d+)\D+(\d+)/.exec(txt(row, '.marker-line'));
      out.push({
        file,
        severity,
        message: txt(row, '.marker-message'),
        source: txt(row, '.marker-source'),
        code: txt(row, '.marker-code'),
        line: m ? Number(m[1]) : null,
        column: m ? Number(m[2]) : null,
        text: row.innerText.replace(/\s*\n\s*/g, ' ').trim(),
        ariaLabel: row.getAttribute('aria-label'),
      });
    }
    return out;
  });
  let entries = [];
  await waitFor(async () => {
    entries = await read();
    return entries.length >= minCount;
  }, { timeout, what: `${minCount} problem(s) in the Problems panel` });
  return entries;
}

/** Focus the editor (Ctrl+1, first editor group: clicking would move the cursor). */
async function focusEditor(page) {
  if (await page.isVisible(`${SEL.activeEditor}.focused`)) return;
  await page.keyboard.press('Control+1');
  await page.waitForSelector(`${SEL.activeEditor}.focused`);
}

/** Centre of the nth occurrence of text in the active editor's rendered lines (single text node). */
function locateText(page, text, nth = 0) {
  return page.$eval(`${SEL.activeEditor} .view-lines`, (el, [needle, n]) => {
    let count = 0;
    const lines = [...el.querySelectorAll('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = node.data.replace(/\u00a0/g, ' ');
        for (let i = data.indexOf(needle); i >= 0; i = data.indexOf(needle, i + 1)) {
          if (count++ === n) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + needle.length);
            const b = range.getBoundingClientRect();
            return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
          }
        }
      }
    }
    return null;
  }, [text, nth]);
}

/**
 * Show the hover and return its text.
 * @param {{line: number, column: number} | {text: string, nth?: number}} target
 *   line/column: cursor there, then "Show Hover" (Ctrl+K Ctrl+I);
 *   text: the mouse over that text in the editor's rendered lines.
 * @param {object} [o]
 * @param {string|RegExp} [o.expect]  wait until the hover contains this (hovers fill in async)
 */
async function hover(page, target, { expect, timeout = DEFAULT_TIMEOUT } = {}) {
  await hideHover(page);
  if (target.text !== undefined) {
    const at = await waitFor(() => locateText(page, target.text, target.nth || 0), { timeout, what: `"${target.text}" in the editor` });
    await page.mouse.move(at.x, at.y, { steps: 2 });
  } else {
    await goTo(page, target.line, target.column);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
  }
  await page.waitForSelector(SEL.hover, { state: 'visible', timeout });
  // Hover parts arrive one by one: wait for the expected text, or for the text to settle.
  let prev = null;
  let stableSince = 0;
  return waitFor(async () => {
    const t = (await page.innerText(SEL.hover).catch(() => '')).trim();
    if (expect !== undefined) {
      return (typeof expect === 'string' ? t.includes(expect) : expect.test(t)) ? t : null;
    }
    if (t && t === prev && !/loading/i.test(t)) return Date.now() - stableSince >= 300 ? t : null;
    if (t !== prev) { prev = t; stableSince = Date.now(); }
    return null;
  }, { timeout, interval: 50, what: `hover text${expect ? ` containing ${expect}` : ''}` });
}

/** Hide the hover if one is shown. */
async function hideHover(page) {
  if (await page.isVisible(SEL.hover)) {
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await page.waitForSelector(SEL.hover, { state: 'hidden' }).catch(() => {});
  }
}

/** Walk a list with ArrowDown until its focused row matches, then press Enter. */
async function pickFocused(page, rowSel, matches, what) {
  const labelsOf = () => page.$$eval(rowSel, (rows) => rows.map((r) => ({
    label: (r.querySelector('.label-name') || r).textContent.trim(),
    aria: r.getAttribute('aria-label') || '',
    focused: r.classList.contains('focused'),
  })));
  let labels = await labelsOf();
  if (!labels.some(matches)) throw new Error(`no ${what}; shown: ${labels.map((l) => l.aria || l.label).join(' | ')}`);
  for (let i = 0; i <= labels.length + 1; i++) {
    const focused = labels.find((l) => l.focused);
    if (focused && matches(focused)) {
      await page.keyboard.press('Enter');
      return focused.aria || focused.label;
    }
    await page.keyboard.press('ArrowDown');
    labels = await waitFor(async () => {
      const now = await labelsOf();
      const f = now.find((l) => l.focused);
      return f && f !== focused && (!focused || f.aria !== focused.aria || f.label !== focused.label) ? now : null;
    }, { timeout: 5000, what: `focus to move in the ${what} list` }).catch(() => labelsOf());
  }
  throw new Error(`could not focus the ${what}`);
}

/**
 * Open the quick-fix menu (Ctrl+.) at the cursor (or at `at`) and apply the action whose label is
 * `label` (string: exact label or, failing that, substring; RegExp: test). `onMenu(labels)` runs
 * while the menu is open.
 * @returns {Promise<string[]>} the labels the menu offered
 */
async function quickFix(page, label, { at, onMenu, timeout = DEFAULT_TIMEOUT } = {}) {
  if (at) await goTo(page, at.line, at.column);
  await hideHover(page);
  await page.keyboard.press('Control+.');
  await page.waitForSelector(SEL.actionRow, { state: 'visible', timeout });
  const offered = await page.$$eval(SEL.actionRow, (rows) => rows.map((r) => r.getAttribute('aria-label') || r.textContent.trim()));
  if (onMenu) await onMenu(offered); // e.g. a screenshot of the open menu
  const exact = typeof label === 'string' && offered.includes(label);
  const matches = (l) => (label instanceof RegExp ? label.test(l.aria)
    : exact ? l.aria === label : l.aria.includes(label));
  await pickFocused(page, SEL.actionRow, matches, `quick fix "${label}"`);
  await page.waitForSelector(SEL.actionWidget, { state: 'hidden', timeout });
  return offered;
}

/** Open the suggest widget (Ctrl+Space) and return the labels it shows. */
async function triggerSuggest(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.keyboard.press('Control+Space');
  await page.waitForSelector(SEL.suggestRow, { state: 'visible', timeout });
  return page.$$eval(SEL.suggestRow, (rows) => rows.map((r) => (r.querySelector('.label-name') || r).textContent.trim()));
}

/** Trigger suggest and accept the item whose label is `label` (exact). */
async function acceptSuggestion(page, label, { timeout = DEFAULT_TIMEOUT } = {}) {
  if (!(await page.isVisible(SEL.suggestRow))) await triggerSuggest(page, { timeout });
  await pickFocused(page, SEL.suggestRow, (l) => l.label === label, `suggestion "${label}"`);
  await page.waitForSelector(SEL.suggestWidget, { state: 'hidden', timeout });
}

/** Type text into the focused editor (Chinese text goes in as text input, like an IME commit). */
async function typeText(page, text) {
  await focusEditor(page);
  await page.keyboard.type(text);
}

/**
 * Run a command by its label through the command palette (F1). The label is as shown (in the
 * display language; an extension's English label also matches through its "alias" line).
 */
async function runCommand(page, name, { timeout = DEFAULT_TIMEOUT, opensQuickInput = false } = {}) {
  await quickInputOpen(page, 'F1');
  await page.keyboard.type(name);
  const idx = await waitFor(async () => {
    const rows = await quickInputLabels(page);
    let i = rows.findIndex((r) => r.name === name);
    if (i < 0) i = rows.findIndex((r) => r.aria === name || r.aria.startsWith(`${name},`));
    return i >= 0 ? i + 1 : 0;
  }, { timeout, what: `command palette to list "${name}"` });
  await page.locator(SEL.quickInputRow).nth(idx - 1).click();
  // A command that asks with a quick pick of its own keeps the widget open: the caller waits for it.
  if (!opensQuickInput) await quickInputClosed(page);
}

/**
 * With a quick pick open (a command's own menu or list), wait until a row whose label contains
 * `label` is shown and choose it by clicking. Returns the labels that were shown.
 */
async function pickQuickInput(page, label, { timeout = DEFAULT_TIMEOUT } = {}) {
  let rows = [];
  const idx = await waitFor(async () => {
    rows = await quickInputLabels(page);
    const i = rows.findIndex((r) => r.name.includes(label) || r.aria.includes(label));
    return i >= 0 ? i + 1 : 0;
  }, { timeout, what: `a quick pick row "${label}"` });
  await page.locator(SEL.quickInputRow).nth(idx - 1).click();
  return rows.map((r) => r.name);
}

/** Type into the open quick input (a quick pick's filter or an input box) and optionally press Enter. */
async function typeQuickInput(page, text, { enter = false, timeout = DEFAULT_TIMEOUT } = {}) {
  const box = page.locator(SEL.quickInputBox);
  await box.waitFor({ state: 'visible', timeout });
  await box.fill(text);
  if (enter) await page.keyboard.press('Enter');
}

/** Wait for a notification toast containing text; returns its text. */
async function waitForNotification(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  // .notification-fade-in-done: the toast has finished appearing (so a screenshot shows it).
  const toast = page.locator(`${SEL.notificationToast}.notification-fade-in-done`, { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return (await toast.innerText()).trim();
}

/** Screenshot of the page (or of one selector) to file; creates the folder. */
async function screenshot(page, file, { selector } = {}) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // animations: 'disabled' finishes fade-ins (hover, toasts) instead of catching them half-drawn.
  const opts = { path: file, animations: 'disabled' };
  if (/\.jpe?g$/i.test(file)) opts.quality = 60; // README pictures: small enough to ship in the .vsix
  if (selector) await page.locator(selector).first().screenshot(opts);
  else await page.screenshot(opts);
  return file;
}

module.exports = {
  SEL, CHROMIUM_ARGS, waitFor, launchBrowser, openWorkbench, openFile, goTo, cursorPosition, editorText,
  openProblems, readProblems, focusEditor, hover, hideHover, quickFix, triggerSuggest, acceptSuggestion,
  typeText, runCommand, waitForNotification, screenshot, pickQuickInput, typeQuickInput, quickInputClosed,
};
