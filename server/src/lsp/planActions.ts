import type { CancellationToken } from 'vscode-languageserver/node';
import type { ServerSession } from './session';
import { CHECK_WORKSPACE_REQUEST, FIX_ALL_REQUEST, NEW_PLAN_REQUEST, SET_TEMPLATE_REQUEST, TEMPLATES_REQUEST } from '../protocol';
import { uriToPath, NEW_PLAN_LEVELS, summaryMessage, type NewPlanLevel } from '../service';

/**
 * Plan-level actions (the status bar's menu and the commands): custom requests, each answered from
 * the service; a failure is logged and answered with an empty result.
 */
export function registerPlanActions(session: ServerSession): void {
  const { connection, documents } = session;

  function safely<P, R>(name: string, empty: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (error) {
        session.logFailure(name, error);
        return empty;
      }
    };
  }

  /** fangan/fixAll {uri, version?} → the fix-all edits as a versioned workspace edit, and how many. */
  connection.onRequest(
    FIX_ALL_REQUEST,
    safely('fixAll', { edit: null, fixes: 0 }, async (params: { uri?: unknown; version?: unknown }) => {
      if (typeof params?.uri !== 'string') return { edit: null, fixes: 0 };
      const active = await session.activeDocument(params.uri);
      if (!active || (typeof params.version === 'number' && params.version !== active.document.version)) return { edit: null, fixes: 0 };
      const edits = session.service.getFixAll(active.document, active.settings);
      if (edits.length === 0) return { edit: null, fixes: 0 };
      return {
        edit: { documentChanges: [{ textDocument: { uri: params.uri, version: active.document.version }, edits }] },
        fixes: edits.length,
      };
    }),
  );

  /** fangan/templates {uri?, line?} → the templates, the levels for a new plan, and the plan's current template. */
  connection.onRequest(
    TEMPLATES_REQUEST,
    safely('templates', { templates: [], current: null, levels: [] }, async (params: { uri?: unknown; line?: unknown }) => {
      const uri = typeof params?.uri === 'string' ? params.uri : undefined;
      const active = uri ? await session.activeDocument(uri) : undefined;
      const settings = active?.settings ?? (await session.settingsFor(uri ?? ''));
      const line = typeof params?.line === 'number' ? params.line : 0;
      const levels = NEW_PLAN_LEVELS.map((l) => ({ level: l.level, label: session.say(l.label) }));
      return { ...session.service.getTemplates(active?.document ?? null, line, settings), levels };
    }),
  );

  /** fangan/setTemplate {uri, line, template, version?} → {edit} or {problem}: writes the plan's template directive. */
  connection.onRequest(
    SET_TEMPLATE_REQUEST,
    safely('setTemplate', { edit: null, problem: null }, async (params: { uri?: unknown; line?: unknown; template?: unknown; version?: unknown }) => {
      if (typeof params?.uri !== 'string' || typeof params.template !== 'string') return { edit: null, problem: null };
      const active = await session.activeDocument(params.uri);
      if (!active) return { edit: null, problem: session.say({ zh: '方案助手未检查此文件', en: 'Fangan does not check this file' }) };
      const result = session.service.switchTemplate(active.document, typeof params.line === 'number' ? params.line : 0, params.template, active.settings);
      if ('problem' in result) return { edit: null, problem: session.say(result.problem) };
      return {
        edit: { documentChanges: [{ textDocument: { uri: params.uri, version: active.document.version }, edits: result.edits }] },
        problem: null,
      };
    }),
  );

  /** fangan/newPlan {template, level, region?, name?} → {text, title} or {problem}. */
  type NewPlanParams = { template?: unknown; level?: unknown; region?: unknown; name?: unknown };
  type NewPlanAnswer = { text: string | null; title: string | null; problem: string | null };
  connection.onRequest(
    NEW_PLAN_REQUEST,
    safely<NewPlanParams, NewPlanAnswer>('newPlan', { text: null, title: null, problem: null }, (params) => {
      const result = session.service.newPlan({
        template: String(params?.template ?? ''),
        level: String(params?.level ?? '') as NewPlanLevel,
        region: typeof params?.region === 'string' ? params.region : undefined,
        name: typeof params?.name === 'string' ? params.name : undefined,
      });
      if ('problem' in result) return { text: null, title: null, problem: session.say(result.problem) };
      return { text: result.text, title: result.title, problem: null };
    }),
  );

  // Workspace check: every plan file of the workspace into the Problems panel, with progress.
  let running = false;
  connection.onRequest(
    CHECK_WORKSPACE_REQUEST,
    safely('checkWorkspace', { summary: null, message: '' }, async (_params: unknown, requestToken) => {
      if (running) return { summary: null, message: session.say({ zh: '方案助手：工作区检查正在进行', en: 'Fangan: a workspace check is already running' }) };
      running = true;
      const reporter = session.client.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      try {
        reporter?.begin(session.say({ zh: '方案助手：检查工作区', en: 'Fangan: checking the workspace' }), 0, undefined, true);
        const openPaths = new Set(documents.all().map((d) => uriToPath(d.uri)).filter((p): p is string => !!p));
        const published = new Set<string>();
        const summary = await session.service.checkWorkspace({
          isOpen: (path) => openPaths.has(path),
          settingsFor: (uri) => session.settingsFor(uri),
          onFile: (uri, diagnostics) => {
            published.add(uri);
            void connection.sendDiagnostics({ uri, diagnostics });
          },
          progress: (done, total, path) => reporter?.report(total > 0 ? Math.round((done / total) * 100) : 0, path.slice(path.lastIndexOf('/') + 1)),
          // cancelled from the progress (where the client shows a cancel button) or by cancelling the request
          token: { get isCancellationRequested() { return requestToken.isCancellationRequested || reporter?.token.isCancellationRequested === true; } },
        });
        // Files found last time but not now (deleted, no longer plans) lose their old findings.
        if (!summary.cancelled) {
          for (const uri of session.workspaceChecked) if (!published.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
          session.workspaceChecked = published;
        } else {
          for (const uri of published) session.workspaceChecked.add(uri);
        }
        return { summary, message: session.say(summaryMessage(summary)) };
      } finally {
        reporter?.done();
        running = false;
      }
    }),
  );
}
