import { EXPORT_REQUEST, type ExportAnswer } from '../protocol';
import { exportBaseName, exportFileName, exportRequestProblem as requestProblem, type ExportFormat, type ExportRequest, type Localized, type PlanFile } from '../service';
import type { ServerSession } from './session';

/**
 * `fangan/export` {uri, what, format, byUnit?} → {bytes (base64), suggestedName} | {problem}: the
 * exporters run on the open document's model; the client asks where to save and writes the file.
 */
export function registerExport(session: ServerSession): void {
  const problem = (text: Localized): ExportAnswer => ({ problem: `${session.shownPrefix()}${session.say(text)}` });

  session.connection.onRequest(EXPORT_REQUEST, async (params: unknown): Promise<ExportAnswer> => {
    try {
      const p = (params ?? {}) as { uri?: unknown; what?: unknown; format?: unknown; byUnit?: unknown };
      if (typeof p.uri !== 'string') return problem({ zh: '没有指定要导出的方案', en: 'no plan was named to export' });
      const asked = { what: String(p.what), format: String(p.format), byUnit: p.byUnit === true };
      const wrong = requestProblem(asked);
      if (wrong) return problem(wrong);
      const document = session.documents.get(p.uri);
      if (!document) return problem({ zh: '请先在编辑器中打开该方案', en: 'open the plan in the editor first' });
      const request: ExportRequest = { what: asked.what as ExportRequest['what'], format: asked.format as ExportFormat, byUnit: asked.byUnit };
      const model = session.service.getModel(document);
      const result = await session.service.exportDocument(document, await session.settingsFor(p.uri), request);
      if (!result.ok) return problem(result.problem);
      return { bytes: Buffer.from(result.bytes).toString('base64'), suggestedName: exportFileName(baseNameOf(p.uri, model) ?? session.say({ zh: '方案', en: 'plan' }), request) };
    } catch (error) {
      session.logFailure('export', error);
      return problem({ zh: '导出失败（详见输出面板）', en: 'the export failed (see the output panel)' });
    }
  });
}

/** The document's file name without its extension; an untitled document is named after its plan's title. */
function baseNameOf(uri: string, model: PlanFile): string | null {
  if (uri.startsWith('file:')) {
    const last = uri.slice(uri.lastIndexOf('/') + 1);
    const name = safeDecode(last);
    if (name) return exportBaseName(name);
  }
  const title = model.plans[0]?.title?.text.replace(/[\\/:*?"<>|]/g, '').trim();
  return title || null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
