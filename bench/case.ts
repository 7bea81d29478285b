// Run one benchmark case in this process and print its figures as JSON.
import { EventQueue } from '../src/engine/kernel.ts';
import { CASES } from './cases.ts';

const c = CASES[process.argv[2] ?? ''];
if (!c) {
  console.error(`unknown case; one of ${Object.keys(CASES).join(', ')}`);
  process.exit(2);
}
const sim = c.build();
const t0 = performance.now();
sim.runUntil(c.until);
const seconds = (performance.now() - t0) / 1000;
const tis = sim.db.taskInstances.size;
const events = sim.eventsProcessed;

// the bare loop: the same number of events through the same queue, doing nothing
const q = new EventQueue();
const b0 = performance.now();
for (let i = 0; i < 64; i++) q.push(i, 'x');
for (let n = 0; n < events; n++) {
  const ev = q.pop()!;
  q.push(ev.at + 1 + (n % 7), 'x');
}
const bareSeconds = (performance.now() - b0) / 1000;
console.log(JSON.stringify({ case: process.argv[2], name: c.name, tis, runs: sim.db.dagRuns.length, events, seconds, bareSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
