/**
 * docs/events.md lists every event type of the catalogue with its version and description, so
 * hosts embedding wave-executor have one page to read. It is generated from `eventCatalog`; this
 * test fails when it is out of date. Regenerate: `WAVE_WRITE_DOCS=1 npx vitest run test/docs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventCatalog, eventJsonSchemas } from '../../src/events.js';
import { AUTHORED_TYPES } from '../../src/machines/decision-identity.js';

function fields(type: string): string {
  type Obj = { properties?: Record<string, { const?: string }>; required?: string[] };
  const schema = eventJsonSchemas()[type] as {
    properties: { data: Obj & { oneOf?: Obj[] } };
  };
  const variants = schema.properties.data.oneOf;
  const data = variants?.[0] ?? schema.properties.data;
  const required = new Set(data.required ?? []);
  const keys = Object.keys(data.properties ?? {})
    .map((k) => (required.has(k) ? `\`${k}\`` : `\`${k}\`?`))
    .join(', ');
  if (!variants) return keys;
  const codes = variants.map((v) => `\`${String(v.properties?.code?.const)}\``).join(', ');
  return `${keys} (code: ${codes})`;
}

function render(): string {
  const rows = Object.values(eventCatalog)
    .map(
      (d) =>
        `| \`${d.type}\` | ${d.v} | ${d.type === 'session.aborted' ? 'machines (runtime on Ctrl-C)' : AUTHORED_TYPES.has(d.type) ? 'machines' : 'runtime / actors'} | ${d.description} | ${fields(d.type)} |`,
    )
    .join('\n');
  return `# Events

Every event is an envelope \`{v, seq, ts, session, type, data, causation?}\` appended to the
session's log (\`.orchestrator/log/<session>.jsonl\`); \`data\` is validated by the type's zod schema
(\`src/events/*.events.ts\`), and \`eventJsonSchemas()\` exports a JSON Schema per type. "machines"
events are proposed by the statecharts (replay checks that the code still proposes them, matched by
identity and decision data, never by prose: see docs/machines.md); the others are reported by the runtime and the actors. \`field?\` is optional.

This page is generated from the catalogue (\`test/docs/events-doc.test.ts\` keeps it in step).

| type | v | written by | meaning | data fields |
|---|---|---|---|---|
${rows}
`;
}

describe('docs/events.md', () => {
  it('lists the whole event catalogue as it is', () => {
    const text = render();
    if (process.env.WAVE_WRITE_DOCS === '1') writeFileSync('docs/events.md', text);
    expect(readFileSync('docs/events.md', 'utf8')).toBe(text);
  });
});
