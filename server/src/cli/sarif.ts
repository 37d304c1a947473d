import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from './severity';
import { pick, RULE_METADATA, type Locale } from '../service';

/** SARIF 2.1.0 for code-scanning tools; columns are UTF-16 code units, as in LSP. */
export function toSarif(
  files: ReadonlyArray<{ file: string; diagnostics: readonly Diagnostic[] }>,
  version: string,
  locale: Locale,
) {
  // Each rule used, with its page (docs/rules/<code>.md in the installation) when the diagnostics link one.
  const used = new Map<string, string | undefined>();
  for (const f of files) for (const d of f.diagnostics) used.set(String(d.code), used.get(String(d.code)) ?? d.codeDescription?.href);
  const rules = [...used.keys()].sort().map((id) => {
    const meta = RULE_METADATA.find((r) => r.code === id);
    const helpUri = used.get(id);
    return meta ? { id, shortDescription: { text: pick(locale, meta.title) }, ...(helpUri ? { helpUri } : {}) } : { id };
  });
  const level = (d: Diagnostic) => {
    const s = severityName(d.severity);
    return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        // No informationUri: the project has no public address yet.
        tool: { driver: { name: 'fangan', version, rules } },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((f) =>
          f.diagnostics.map((d) => ({
            ruleId: String(d.code),
            level: level(d),
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(f.file.replace(/\\/g, '/')) },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
