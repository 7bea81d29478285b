// `npm run bench`: each case in a fresh Node process (so memory figures are its own),
// then the DAG-file parser benchmark, then the web app in headless Chromium (bench/app.ts).
// `npm run bench -- --write` records the figures in README.md.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { benchApp } from './app.ts';
import { benchDagfile } from './dagfile.ts';
import { CASES } from './cases.ts';

// Measure the engine as the browser runs it: a bundled build (Vite SSR), not a dev transpiler.
execFileSync('npx', ['vite', 'build', '--ssr', 'bench/case.ts', '--outDir', 'bench/out', '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });

const rows: string[] = [];
rows.push('| case | task instances | events | engine s | TI/s | bare loop s | engine / bare | peak RSS MB |', '|---|---|---|---|---|---|---|---|');
for (const key of Object.keys(CASES)) {
  const out = execFileSync(process.execPath, ['bench/out/case.js', key], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  const line = `| ${r.name} | ${r.tis} | ${r.events} | ${r.seconds.toFixed(2)} | ${Math.round(r.tis / r.seconds)} | ${r.bareSeconds.toFixed(3)} | ${(r.seconds / r.bareSeconds).toFixed(1)}x | ${Math.round(r.maxRssMB)} |`;
  rows.push(line);
  console.log(line);
}
for (const b of benchDagfile()) {
  const line = `\n${b.name}: ${b.value.toFixed(1)} ${b.unit} (target ${b.target})`;
  rows.push(line);
  console.log(line);
}
const app = await benchApp();
console.log(`\n${app.join('\n')}`);
rows.push('', ...app);
if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  const table = `Measured ${new Date().toISOString().slice(0, 10)} on the project's 2-core machine (Node ${process.version}).\n\n${rows.join('\n')}`;
  writeFileSync('README.md', readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
  console.log('README.md updated');
}
