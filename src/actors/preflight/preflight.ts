/**
 * The preflight of a session (`wave validate`, and `wave run` before anything is written): every
 * program the plan will start — each used runner's executable and each quality gate's — must
 * resolve on the PATH (or as a path relative to the repository). Versions are recorded in the
 * log (`session.started.preflight`). A missing program is a problem naming the runner or gate.
 * A gate's programs are those of its command and of its Quality-Lite command; a command that runs
 * through `sh -c` needs every program its script starts (`gate-programs.ts`).
 */
import type { ResolvedPlan, RunnerSpec } from '../../domain/plan.schema.js';
import { gatePrograms } from './gate-programs.js';
import { programVersion, resolveProgram } from './program-resolver.js';

/** One program the session needs. */
export interface PreflightTarget {
  kind: 'runner' | 'gate';
  /** Runner name (`runners.<name>`) or gate name. */
  name: string;
  program: string;
  /** Extra environment of the runner (its `PATH` wins). */
  env?: Record<string, string>;
  /** The program is started by the gate's Quality-Lite command. */
  lite?: true;
}

/** The outcome for one program. */
export interface PreflightCheck {
  kind: 'runner' | 'gate';
  name: string;
  program: string;
  /** The file it resolves to, or null when missing. */
  path: string | null;
  /** First line of `--version`, or null when it gives none. */
  version: string | null;
  /** The program is started by the gate's Quality-Lite command. */
  lite?: true;
}

const DEFAULT_PROGRAM = { claude: 'claude', codex: 'codex', gemini: 'gemini' } as const;

/** The program a runner starts. */
export function runnerProgram(spec: RunnerSpec): string | undefined {
  if (spec.bin !== undefined) return spec.bin;
  return spec.kind === 'command' ? spec.argv?.[0] : DEFAULT_PROGRAM[spec.kind];
}

/**
 * The programs of a plan: the runners its tasks use (minus those a host serves itself) and its
 * quality gates, in plan order.
 */
export function preflightTargets(
  plan: ResolvedPlan,
  hostRunners: ReadonlySet<string> = new Set(),
): PreflightTarget[] {
  const used = [...new Set(plan.waves.flatMap((w) => w.tasks.map((t) => t.runner)))];
  const out: PreflightTarget[] = [];
  for (const name of used) {
    if (hostRunners.has(name)) continue;
    const spec = plan.runners[name];
    const program = spec ? runnerProgram(spec) : undefined;
    if (spec && program !== undefined) out.push({ kind: 'runner', name, program, env: spec.env });
  }
  for (const gate of plan.config.qualityGates) {
    const full = gatePrograms(gate.argv);
    for (const program of full) out.push({ kind: 'gate', name: gate.name, program });
    for (const program of gatePrograms(gate.lite ?? [])) {
      if (!full.includes(program)) out.push({ kind: 'gate', name: gate.name, program, lite: true });
    }
  }
  return out;
}

/** Resolves every target (in parallel) and asks each found program its version. */
export async function runPreflight(
  targets: readonly PreflightTarget[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<PreflightCheck[]> {
  const base = options.env ?? process.env;
  return Promise.all(
    targets.map(async (t) => {
      const env = { ...base, ...t.env };
      const path = await resolveProgram(t.program, options.cwd, env.PATH);
      const version = path === null ? null : await programVersion(path, env);
      return {
        kind: t.kind,
        name: t.name,
        program: t.program,
        path,
        version,
        ...(t.lite ? { lite: t.lite } : {}),
      };
    }),
  );
}

/** The message of a missing program. */
export function missingMessage(check: PreflightCheck): string {
  const what =
    check.kind === 'runner'
      ? `runner "${check.name}"`
      : `${check.lite ? 'the Quality-Lite command of ' : ''}quality gate "${check.name}"`;
  const where = check.program.includes('/') ? 'at that path' : 'on the PATH';
  const hint =
    check.kind === 'runner'
      ? 'install it, or point the runner\'s "bin" at it'
      : 'install it, or change the gate command';
  return `program "${check.program}" of ${what} not found ${where}: ${hint}`;
}
