/** Types shared by the inspector page's scripts (erased at build; no runtime code here). */
import type { InspectorChart } from '../machine-charts.js';
import type { StateReply } from '../state-reply.js';

/** An event as the page receives it (masked). */
export interface PageEvent {
  seq: number;
  ts: string;
  type: string;
  session: string;
  causation?: number;
  data: Record<string, unknown>;
}

/** Metadata of the inspected session. */
export interface PageMeta {
  file: string | null;
  session: string | null;
  semanticId: string | null;
  charts: InspectorChart[];
  forks: {
    from: { file: string; session: string; at: number } | null;
    into: { file: string; session: string; at: number }[];
  };
  error: string | null;
}

/** The page's whole state. */
export interface PageState {
  token: string;
  meta: PageMeta | null;
  events: PageEvent[];
  /** Lane index of each event (index seq - 1). */
  lane: number[];
  /** Colour category of each event. */
  kind: string[];
  lanes: string[];
  laneOfKey: Map<string, number>;
  agentWave: Map<string, number>;
  currentWave: number;
  sel: number;
  follow: boolean;
  caughtUp: boolean;
  reply: StateReply | null;
  fileTab: string;
  view: { from: number; to: number };
  timings: { seq: number; ms: number }[];
  pending: { seq: number; t0: number } | null;
  inflight: boolean;
}
