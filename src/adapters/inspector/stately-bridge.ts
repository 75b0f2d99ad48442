/**
 * `wave inspect --stately [URL]`: forwards the machines' life, as replayed from the log, to
 * Stately's inspector (`@statelyai/inspect`, over its WebSocket adapter) as XState v5 inspection
 * events: `@xstate.actor` when a machine instance appears (with its definition), `@xstate.event`
 * and `@xstate.snapshot` when an event moves it. The coordinator's actors take no `inspect`
 * option, so the events are built from the same replay the page uses. Opt-in: Stately's viewer is
 * their website; the bridge itself only needs a WebSocket endpoint.
 */
import type { DomainEvent } from '../../events.js';
import type { CoordinatorView } from '../../machines/coordinator.js';
import type { InspectorSource } from './inspector-source.js';
import { pageRedactor } from './page-redactor.js';

/** The part of `@statelyai/inspect`'s Inspector the bridge uses. */
interface StatelyInspector {
  actor(actor: object | string, snapshot?: object, info?: { parentId?: string }): void;
  event(actor: string, event: { type: string }): void;
  snapshot(actor: string, snapshot: object, info?: { event?: { type: string } }): void;
  stop(): void;
}

type Instances = Record<string, string>;

function instances(view: CoordinatorView): Record<string, { chart: string; state: string }> {
  const out: Record<string, { chart: string; state: string }> = {
    session: { chart: 'session', state: view.session },
  };
  if (view.wave) out[`wave-${view.wave.number}`] = { chart: 'wave', state: view.wave.state };
  const add = (chart: string, xs: Instances) => {
    for (const [id, state] of Object.entries(xs)) out[`${chart}-${id}`] = { chart, state };
  };
  add('mission', view.missions);
  add('agent', view.agents);
  return out;
}

/** XState's state value of a dotted state path: `running.waving` → `{ running: 'waving' }`. */
function stateValue(path: string): unknown {
  const [head, ...rest] = path.split('.');
  return rest.length === 0 ? head : { [head as string]: stateValue(rest.join('.')) };
}

interface ConfigNode {
  type?: string;
  tags?: string | readonly string[];
  states?: Record<string, ConfigNode>;
}

/** Dotted paths of a config's end states: `type: 'final'` or tagged `ended`. */
function endStates(config: ConfigNode, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, s] of Object.entries(config.states ?? {})) {
    const path = `${prefix}${k}`;
    const tags = typeof s.tags === 'string' ? [s.tags] : (s.tags ?? []);
    if (s.type === 'final' || tags.includes('ended')) out.push(path);
    out.push(...endStates(s, `${path}.`));
  }
  return out;
}

/** Forwards every event of the source (history, then live) to `inspector`. */
function bridgeToStately(
  source: InspectorSource,
  inspector: StatelyInspector,
  configs: Record<string, unknown>,
): { stop(): void } {
  let sent = 0;
  let previous = instances(source.deriver.viewAt(0));
  const final = new Set<string>();
  const pump = () => {
    while (sent < source.events.length) {
      const e = source.events[sent] as DomainEvent;
      const before = previous;
      const after = instances(source.deriver.viewAt(e.seq));
      previous = after;
      const event = pageRedactor().deep({ ...e.data, type: e.type, seq: e.seq }) as {
        type: string;
      };
      for (const [id, now] of Object.entries(after)) {
        const was = before[id];
        const snapshot = {
          value: stateValue(now.state),
          status: final.has(`${now.chart}.${now.state}`) ? 'done' : 'active',
        };
        if (!was) {
          const ref = { sessionId: id, logic: { config: configs[now.chart] } };
          inspector.actor(ref, snapshot, id === 'session' ? {} : { parentId: 'session' });
        } else if (was.state === now.state && id !== 'session') continue;
        if (was || id === 'session') {
          inspector.event(id, event);
          inspector.snapshot(id, snapshot, { event });
        }
      }
      sent += 1;
    }
  };
  for (const [chart, config] of Object.entries(configs))
    for (const path of endStates(config as ConfigNode)) final.add(`${chart}.${path}`);
  for (const [id, now] of Object.entries(previous)) {
    const ref = { sessionId: id, logic: { config: configs[now.chart] } };
    inspector.actor(
      ref,
      { value: stateValue(now.state), status: 'active' },
      id === 'session' ? {} : { parentId: 'session' },
    );
  }
  pump();
  const off = source.onEvents(pump);
  return {
    stop: () => {
      off();
      inspector.stop();
    },
  };
}

/** Connects to a Stately inspector WebSocket endpoint and bridges the source to it. */
export async function startStatelyBridge(
  source: InspectorSource,
  url: string,
): Promise<{ stop(): void }> {
  const { createWebSocketInspector } = await import('@statelyai/inspect');
  const { sessionMachine } = await import('../../machines/session.machine.js');
  const { waveMachine } = await import('../../machines/wave.machine.js');
  const { missionMachine } = await import('../../machines/mission.machine.js');
  const { agentMachine } = await import('../../machines/agent.machine.js');
  const inspector = createWebSocketInspector({ url, maxDeferredEvents: 100_000 });
  return bridgeToStately(source, inspector, {
    session: sessionMachine.config,
    wave: waveMachine.config,
    mission: missionMachine.config,
    agent: agentMachine.config,
  });
}
