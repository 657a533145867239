/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and answers where the plugin's time goes:
 * the plugin's functions (files under dist/) by inclusive time (each function counted once per
 * sample, however often it recurses), and, for samples taken under a plugin function, the leaf
 * functions by self time (which shows time spent inside the TypeScript checker on the plugin's
 * behalf). Names are `file:function:line`, relative to the repository.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = `${path.join(ROOT, 'dist')}${path.sep}`;

function frameName(frame) {
  let file = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  if (file.startsWith(ROOT)) file = path.relative(ROOT, file);
  file = file.replace(/^node_modules\//, '');
  return `${file || '(native)'}:${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}`;
}

const isPlugin = (frame) => (frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url).startsWith(DIST);

/** { totalMs, pluginMs, pluginInclusive: [{ name, ms }], underPluginSelf: [{ name, ms }] } */
export function summariseProfile(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map();
  const underSelf = new Map();
  let totalMs = 0;
  let pluginMs = 0;
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(profile.samples[i]);
    const seen = new Set();
    let under = false;
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      if (!isPlugin(frame)) continue;
      under = true;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
    if (!under) continue;
    pluginMs += ms;
    const name = frameName(leaf.callFrame);
    underSelf.set(name, (underSelf.get(name) ?? 0) + ms);
  }
  const sorted = (map) =>
    [...map]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  return { totalMs: Math.round(totalMs), pluginMs: Math.round(pluginMs), pluginInclusive: sorted(inclusive), underPluginSelf: sorted(underSelf) };
}
