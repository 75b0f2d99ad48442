/**
 * The page's script, assembled from the page-script functions (`client/*.ts`, type-checked with
 * the rest of the code): each is a self-contained function whose source text (`toString()`) is
 * served as-is, so the page needs no bundler, no CDN and no download at build time.
 */
import { main } from './client/app.js';
import { drawCharts, edgePath, markCharts } from './client/charts-view.js';
import { renderCausation, renderEvent, renderSpend } from './client/detail-view.js';
import { renderList, summarize } from './client/event-list.js';
import { lineDiff, renderFile } from './client/files-view.js';
import { indexEvent, kindColor, kindOf, laneSortKey } from './client/lanes.js';
import { drawTimeline, wireTimeline } from './client/timeline-view.js';

const parts = [
  main,
  drawCharts,
  edgePath,
  markCharts,
  renderCausation,
  renderEvent,
  renderSpend,
  renderList,
  summarize,
  lineDiff,
  renderFile,
  indexEvent,
  kindColor,
  kindOf,
  laneSortKey,
  drawTimeline,
  wireTimeline,
];

let script: string | null = null;

/** The page script (one strict-mode IIFE). */
export function clientScript(): string {
  script ??= `(() => {\n'use strict';\n${parts.map((f) => f.toString()).join('\n\n')}\n\nmain();\n})();\n`;
  return script;
}
