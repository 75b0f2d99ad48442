/**
 * The reference's markdown session plan (reference-behaviour.md §A2.1) read into the plan-file
 * form, so the same schema, cross-field rules and resolution apply as for YAML:
 * - `## Wave Plan (Session: <type>, <N> waves, isolation: <x>)` gives the session type (and an
 *   isolation, overridden by `### Execution Config`);
 * - `### Wave k: <Role> (<n> agents, …, isolation: <x>)` opens a wave; a combined wave
 *   (`Impl-Polish + Quality`) takes its strictest role; `collision-risk: <r>` lines set the risk;
 * - `- Agent m: <task> → <files> → <acceptance> → subagent_type: <t>` is a task; more `→ key: value`
 *   fields or indented `- Key: value` lines add `Dependencies`, `MaxTurns`, `contract-lock`, `Runner`;
 * - `### Execution Config` lines (`- Waves: 3 | Agents-per-wave cap: 6 | Isolation: auto` …) give
 *   the execution-level config (waves, agents-per-wave, isolation, enforcement, max-turns);
 *   session-level values there (Persistence, Pencil) are ignored: they come from the Session Config;
 * - the YAML block under `### Wave-Plan Mission Status (machine-readable)` gives the mission ids,
 *   matched to the agents of each wave in order; without it ids are `m-1`, `m-2`, … in plan order;
 * - the intent is the first `Intent: …` line (`**Intent:** …` too), else the first `# ` heading.
 */
import type { Issue } from '../../errors.js';
import type { RawPlanDocument } from './plan-file.loader.js';
import {
  assignMissionIds,
  readMissions,
  type Mission,
  type WaveDraft,
} from './markdown-plan.missions.js';
import {
  ARROW,
  AGENT_LINE,
  boolOrText,
  fileList,
  intOrText,
  keyValue,
  splitParts,
  WAVE_HEADING,
  WAVE_PLAN_HEADING,
  waveRole,
  type Part,
} from './markdown-plan.lines.js';
import { formatKeyPath, type KeyPath, type Locator, type Position } from './source-positions.js';

type Obj = Record<string, unknown>;

const EXEC_KEYS: Record<string, string> = {
  waves: 'waves',
  agentsperwavecap: 'agents-per-wave',
  agentsperwave: 'agents-per-wave',
  isolation: 'isolation',
  enforcement: 'enforcement',
  maxturns: 'max-turns',
};
const TASK_KEYS: Record<string, string> = {
  subagenttype: 'subagent-type',
  contractlock: 'contract-lock',
  maxturns: 'max-turns',
  dependencies: 'depends-on',
  dependson: 'depends-on',
  runner: 'runner',
};

function configValue(key: string, text: string): unknown {
  if (key === 'isolation' || key === 'enforcement') return text.toLowerCase();
  if (key === 'max-turns' && text.toLowerCase() === 'auto') return 'auto';
  return intOrText(text);
}

/** Reads a markdown session plan into a raw plan document (plan-file form) with positions. */
export function parseMarkdownPlan(text: string, file: string): RawPlanDocument {
  const positions = new Map<string, Position>();
  const mark = (path: KeyPath, line: number, column = 1) =>
    positions.set(formatKeyPath(path), { line, column });
  const locate: Locator = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const hit = positions.get(formatKeyPath(path.slice(0, n)));
      if (hit) return hit;
    }
    return { line: 1, column: 1 };
  };
  const issues: Issue[] = [];
  const session: Obj = {};
  const config: Obj = {};
  const waves: WaveDraft[] = [];
  let planIsolation: { value: string; pos: Position } | undefined;
  let h1: { text: string; line: number } | undefined;
  let section: 'none' | 'plan' | 'wave' | 'exec' | 'mission' | 'other' = 'none';
  let fence: { start: number; lines: string[]; mission: boolean } | undefined;
  let missions: Mission[] | undefined;
  let missionLine = 0;
  let sawPlan = false;

  const setTaskField = (task: Obj, tpath: KeyPath, key: string, value: Part, line: number) => {
    const field = TASK_KEYS[key];
    if (!field) return;
    mark([...tpath, field], line, value.column);
    if (field === 'depends-on') {
      const deps = fileList(value);
      task[field] = deps.scopes;
      deps.columns.forEach((c, k) => mark([...tpath, field, k], line, c));
    } else if (field === 'contract-lock') task[field] = boolOrText(value.text);
    else if (field === 'max-turns') task[field] = intOrText(value.text);
    else task[field] = value.text;
  };

  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (fence) {
      if (/^```/.test(trimmed)) {
        if (fence.mission && missions === undefined) {
          missions = readMissions(fence.lines.join('\n'), fence.start + 1, file, issues);
          missionLine = fence.start;
        }
        fence = undefined;
      } else fence.lines.push(raw);
      return;
    }
    if (/^```/.test(trimmed)) {
      fence = { start: line, lines: [], mission: section === 'mission' };
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = /^#\s+(.+)$/.exec(raw))) {
      h1 ??= { text: (m[1] ?? '').trim(), line };
    } else if ((m = WAVE_PLAN_HEADING.exec(raw))) {
      sawPlan = true;
      section = 'plan';
      mark(['session'], line);
      mark(['waves'], line);
      const inner = m[1] ?? '';
      for (const part of splitParts(inner, /,/, raw.indexOf(inner) + 1)) {
        const kv = keyValue(part);
        if (kv?.key === 'session') {
          session['type'] = kv.value.text.toLowerCase();
          mark(['session', 'type'], line, kv.value.column);
        } else if (kv?.key === 'isolation') {
          planIsolation = {
            value: kv.value.text.toLowerCase(),
            pos: { line, column: kv.value.column },
          };
        }
      }
    } else if ((m = WAVE_HEADING.exec(raw))) {
      section = 'wave';
      const w = waves.length;
      const roleText = m[2] ?? '';
      const wave: Obj = { role: waveRole(roleText) };
      mark(['waves', w], line);
      mark(['waves', w, 'role'], line, raw.indexOf(roleText, raw.indexOf(':')) + 1);
      const details = m[3] ?? '';
      for (const part of splitParts(details, /,/, raw.lastIndexOf(details) + 1)) {
        const kv = keyValue(part);
        const key =
          kv?.key === 'isolation'
            ? 'isolation'
            : kv?.key === 'collisionrisk'
              ? 'collision-risk'
              : undefined;
        if (kv && key) {
          wave[key] = kv.value.text.toLowerCase();
          mark(['waves', w, key], line, kv.value.column);
        }
      }
      waves.push({ number: Number(m[1]), line, wave, tasks: [] });
    } else if (/^##\s/.test(raw)) {
      section = 'other';
    } else if (/^###\s+Execution Config\b/i.test(raw)) {
      section = 'exec';
      mark(['config'], line);
    } else if (/^###\s+Wave-Plan Mission Status\b/i.test(raw)) {
      section = 'mission';
    } else if (/^###\s/.test(raw)) {
      section = 'other';
    } else if (
      (section === 'none' || section === 'plan') &&
      (m = /^(?:[-*]\s+)?(?:\*\*)?(Intent|Issues|Focus)(?::\*\*|\*\*:|:)\s*(.+)$/i.exec(trimmed))
    ) {
      const key = (m[1] ?? '').toLowerCase();
      const value = (m[2] ?? '').trim();
      const column = raw.length - raw.trimStart().length + trimmed.length - (m[2] ?? '').length + 1;
      if (key === 'issues') session['issues'] = (value.match(/\d+/g) ?? []).map(Number);
      else if (!(key in session)) session[key] = value;
      mark(['session', key], line, column);
    } else if (section === 'wave') {
      const draft = waves[waves.length - 1];
      if (!draft) return;
      const w = waves.length - 1;
      const indent = raw.length - raw.trimStart().length;
      const agent = indent < 2 ? AGENT_LINE.exec(trimmed) : null;
      if (agent) {
        const t = draft.tasks.length;
        const tpath = ['waves', w, 'tasks', t];
        const body = agent[2] ?? '';
        const parts = splitParts(body, ARROW, indent + trimmed.length - body.length + 1);
        const task: Obj = { task: parts[0]?.text ?? '' };
        mark(tpath, line, indent + 1);
        mark([...tpath, 'task'], line, parts[0]?.column ?? 1);
        if (parts.length < 3) {
          issues.push({
            file,
            line,
            column: indent + 1,
            path: formatKeyPath(tpath),
            message: 'expected "- Agent <m>: <task> → <files> → <acceptance>"',
          });
        }
        if (parts[1]) {
          const files = fileList(parts[1]);
          task['files'] = files.scopes;
          mark([...tpath, 'files'], line, parts[1].column);
          files.columns.forEach((c, k) => mark([...tpath, 'files', k], line, c));
        }
        if (parts[2]) {
          task['acceptance'] = parts[2].text;
          mark([...tpath, 'acceptance'], line, parts[2].column);
        }
        for (const part of parts.slice(3)) {
          const kv = keyValue(part);
          if (kv) setTaskField(task, tpath, kv.key, kv.value, line);
        }
        draft.tasks.push(task);
        return;
      }
      const kv = keyValue({
        text: trimmed.replace(/^[-*]\s+/, ''),
        column: raw.indexOf(trimmed.replace(/^[-*]\s+/, '')) + 1,
      });
      if (!kv) return;
      const task = draft.tasks[draft.tasks.length - 1];
      if (indent >= 2 && task)
        setTaskField(task, ['waves', w, 'tasks', draft.tasks.length - 1], kv.key, kv.value, line);
      else if (kv.key === 'collisionrisk' || kv.key === 'isolation') {
        const key = kv.key === 'isolation' ? 'isolation' : 'collision-risk';
        draft.wave[key] = kv.value.text.toLowerCase();
        mark(['waves', w, key], line, kv.value.column);
      }
    } else if (section === 'exec') {
      const body = trimmed.replace(/^[-*]\s+/, '');
      for (const part of splitParts(body, /\|/, raw.indexOf(body) + 1)) {
        const kv = keyValue(part);
        const key = kv && EXEC_KEYS[kv.key];
        if (!kv || !key) continue;
        config[key] = configValue(key, kv.value.text);
        mark(['config', key], line, kv.value.column);
      }
    }
  });

  if (!sawPlan) {
    issues.push({
      file,
      line: 1,
      column: 1,
      message: 'no "## Wave Plan (Session: <type>, …)" heading: not a session plan',
    });
    return { data: undefined, locate, issues };
  }
  if (planIsolation && config['isolation'] === undefined) {
    config['isolation'] = planIsolation.value;
    positions.set('config.isolation', planIsolation.pos);
  }
  if (session['intent'] === undefined && h1) {
    session['intent'] = h1.text;
    mark(['session', 'intent'], h1.line, 3);
  }

  assignMissionIds(waves, missions, missionLine, file, issues, locate, (path, pos) =>
    positions.set(formatKeyPath(path), pos),
  );

  const data: Obj = { session, waves: waves.map((d) => d.wave) };
  if (Object.keys(config).length > 0) data['config'] = config;
  return { data, locate, issues };
}
